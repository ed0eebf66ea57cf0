using System.CommandLine;
using System.Text.Json;
using Baton.Cli.Models;
using Baton.Cli.Storage;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton replay RUN</c>: re-executes a run's orchestration from its journal with
/// <c>HandoffRunner.ReplayAsync</c>,
/// answering every model call from the recording, and says whether the journal was reproduced. Never calls a model
/// and never changes the store.
/// </summary>
/// <remarks>Exit codes: <see cref="ExitCodes.Completed"/> (0) when the replay matched, whatever the run's recorded
/// status; <see cref="ExitCodes.ReplayDiverged"/> (4) when it diverged; <see cref="ExitCodes.InvalidInput"/> (2) when
/// the run or its spec cannot be found.</remarks>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var run = CliOptions.RunId();
        var spec = CliOptions.Spec("The spec the run was started with. Default: the spec path recorded in the run's journal.");
        var store = CliOptions.Store();
        var json = CliOptions.Json();
        var command = new Command("replay", "Re-execute a run from its journal without calling any model (recorded answers only) and check that every event matches. Exit 0 when it matches, 4 when it diverges. The store is not changed.")
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

            var replay = await new HandoffRunner(new HandoffRunnerOptions { TimeProvider = console.TimeProvider })
                .ReplayAsync(orchestration, recorded, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(Json(runId, recorded.Count, replay)).ConfigureAwait(false);
            }
            else if (replay.Matched)
            {
                await console.Out.WriteLineAsync(
                    $"Replayed run {runId} from {recorded.Count} recorded events without calling a model: {replay.Status} (recorded: {replay.Recorded.Status}); the journal, the outcome and the final output match the recording.").ConfigureAwait(false);
            }
            else
            {
                await console.Error.WriteLineAsync($"replay of run {runId} diverged from its journal: {replay.Divergence}").ConfigureAwait(false);
            }

            return replay.Matched ? ExitCodes.Completed : ExitCodes.ReplayDiverged;
        });
        return command;
    }

    private static string Json(string runId, int events, ReplayResult replay)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("run_id", runId);
            writer.WriteBoolean("matched", replay.Matched);
            writer.WriteString("status", replay.Status.ToString());
            writer.WriteString("recorded_status", replay.Recorded.Status.ToString());
            writer.WriteNumber("recorded_events", events);
            if (replay.Divergence is { } divergence)
            {
                writer.WriteString("divergence", divergence);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Resolves every model to a client that refuses live calls: a replay answers only from the journal.</summary>
    private sealed class JournalOnlyResolver : IModelResolver
    {
        public static JournalOnlyResolver Instance { get; } = new();

        public IChatClient Resolve(ModelReference model, AgentSpec agent) => new JournalOnlyChatClient(agent.Name);
    }
}
