using System.CommandLine;
using Baton.Cli.Models;
using Baton.Cli.Storage;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton replay RUN</c>: re-executes a run's orchestration against a copy of its journal, answering every model
/// call from the recording. It proves the run is reproducible from its journal and never calls a model.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var run = CliOptions.RunId();
        var spec = CliOptions.Spec("The spec the run was started with. Default: the spec path recorded in the run's journal.");
        var store = CliOptions.Store();
        var json = CliOptions.Json();
        var command = new Command("replay", "Re-execute a run from its journal without calling any model (recorded answers only), and check that every event matches. The store is not changed.")
        {
            run, spec, store, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var opened = CliStore.Open(parse.GetValue(store), console);
            await using var openedLifetime = opened.ConfigureAwait(false);
            var runId = await opened.FindRunAsync(parse.GetValue(run)!, console, cancellationToken).ConfigureAwait(false);
            if (runId is null)
            {
                return ExitCodes.InvalidInput;
            }

            var recorded = await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
            var (loaded, _) = await RunSpecSource.LoadAsync(RunState.FromEvents(recorded), parse.GetValue(spec), opened, console).ConfigureAwait(false);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            var plan = ModelPlan.Create(loaded, ModelReference.Rehearsal, new CliModelResolver(console));
            var orchestration = await RunCommand.CompileAsync(loaded, JournalOnlyResolver.Instance, plan, console).ConfigureAwait(false);
            if (orchestration is null)
            {
                return ExitCodes.InvalidInput;
            }

            // Replay works on a copy without the end, so the orchestration re-executes every recorded step.
            var copy = new InMemoryRunStore();
            var body = recorded.Where(e => e is not RunEnded).ToList();
            await copy.AppendAsync(runId, 0, body, cancellationToken).ConfigureAwait(false);
            var recordedState = RunState.FromEvents(recorded);
            var runner = new HandoffRunner(new HandoffRunnerOptions { Store = copy, TimeProvider = console.TimeProvider });
            RunResult replayed;
            try
            {
                replayed = await runner.ResumeAsync(orchestration, runId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ReplayMismatchException or ArgumentException)
            {
                await console.Error.WriteLineAsync($"replay of run {runId} diverged from its journal: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var same = replayed.Status == recordedState.Status && replayed.FinalText == RunResult.FromJournal(recorded).FinalText;
            await console.Out.WriteLineAsync(
                $"Replayed run {runId} from {body.Count} recorded events without calling a model: {replayed.Status} (recorded: {recordedState.Status}); "
                + (same ? "the outcome and final output match the recording." : "the outcome differs from the recording.")).ConfigureAwait(false);
            if (!same)
            {
                return ExitCodes.Failed;
            }

            return ExitCodes.For(replayed.Status);
        });
        return command;
    }

    /// <summary>Resolves every model to a client that refuses live calls: a replay answers only from the journal.</summary>
    private sealed class JournalOnlyResolver : IModelResolver
    {
        public static JournalOnlyResolver Instance { get; } = new();

        public IChatClient Resolve(ModelReference model, AgentSpec agent) => new JournalOnlyChatClient(agent.Name);
    }
}
