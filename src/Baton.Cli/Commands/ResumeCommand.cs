using System.CommandLine;
using Baton.Cli.Models;
using Baton.Cli.Storage;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Cli.Commands;

/// <summary><c>baton resume RUN</c>: continues an interrupted run from its journal (recorded answers are replayed, never re-sent).</summary>
internal static class ResumeCommand
{
    public static Command Create(CliConsole console)
    {
        var run = CliOptions.RunId();
        var spec = CliOptions.Spec("The spec the run was started with. Default: the spec path recorded in the run's journal.");
        var model = CliOptions.Model();
        var store = CliOptions.Store();
        var json = CliOptions.Json();
        var takeOver = new Option<bool>("--take-over")
        {
            Description = "Resume even though another process on this machine still holds the run (use it when that process is hung: once taken over, its writes are refused).",
        };
        var retry = new Option<bool>("--retry") { Description = "Also continue a run that failed or was stopped by a limit: keep its recorded results and re-run what came after the last one." };
        var command = new Command("resume", "Continue an interrupted or cancelled (Ctrl-C) run from its journal: recorded model answers are replayed, never re-sent; a call that was in flight is sent again. Needs the run's spec (recorded by 'baton run', or --spec).")
        {
            run, spec, model, store, json, retry, takeOver,
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

            var jsonOutput = parse.GetValue(json);
            var state = RunState.FromEvents(await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false));
            // A run the user cancelled (Ctrl+C) continues; one a guard or a failure ended stays ended unless --retry.
            var forceRetry = parse.GetValue(retry) && state.Status is not (RunStatus.Completed or RunStatus.AwaitingInput);

            // A run that waits for a person continues when they answer ('baton answer'), or here once its wait timed out.
            var timedOut = Humans.PendingInput.From(state, console.TimeProvider.GetUtcNow()) is { IsOverdue: true };
            if (state.Status == RunStatus.AwaitingInput && !timedOut)
            {
                var waiting = RunResult.FromJournal(await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false));
                await ResultPrinter.PrintAsync(waiting, console, jsonOutput, opened.Path, rehearsal: false).ConfigureAwait(false);
                return ExitCodes.AwaitingInput;
            }

            if (!Resumability.IsResumable(state.Status) && !forceRetry && !timedOut)
            {
                var hint = state.Status == RunStatus.Completed ? string.Empty : " Pass --retry to re-run what came after its last result.";
                await (jsonOutput ? console.Error : console.Out).WriteLineAsync($"Run {runId} already ended ({state.Status}); nothing to resume.{hint}").ConfigureAwait(false);
                var ended = RunResult.FromJournal(await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false));
                await ResultPrinter.PrintAsync(ended, console, jsonOutput, opened.Path, rehearsal: false).ConfigureAwait(false);
                return ExitCodes.For(ended.Status);
            }

            // Lease: a live process on this machine still executes the run (it may be waiting on a model call): resuming
            // now would send that call again and then fence the first process off. Refuse before any model call.
            if (!parse.GetValue(takeOver) && LiveLeaseHolder.IsLive(state.Lease, out var holder))
            {
                await console.Error.WriteLineAsync(LiveLeaseHolder.Refusal(runId, state.Lease!, holder)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var (loaded, record) = await RunSpecSource.LoadAsync(state, parse.GetValue(spec), opened, console).ConfigureAwait(false);
            var (modelOk, modelOverride) = await CommandSupport.ParseModelAsync(parse.GetValue(model) ?? record?.Model, console).ConfigureAwait(false);
            if (loaded is null || !modelOk)
            {
                return ExitCodes.InvalidInput;
            }

            var resolver = new CliModelResolver(console);
            var plan = ModelPlan.Create(loaded, modelOverride, resolver);
            var orchestration = await RunCommand.CompileAsync(loaded, resolver, plan, console).ConfigureAwait(false);
            if (orchestration is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (orchestration.Name != state.Orchestration)
            {
                await console.Error.WriteLineAsync($"error: run '{runId}' was started by orchestration '{state.Orchestration}', but {loaded.FilePath} builds '{orchestration.Name}'. Pass the spec the run was started with (--spec).").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            await plan.PrintAsync(jsonOutput ? console.Error : console.Out).ConfigureAwait(false);
            return await RunLauncher.ExecuteAsync(
                console, opened, jsonOutput, plan.IsRehearsal,
                (runner, ct) => runner.ResumeAsync(orchestration, runId, new ResumeOptions { RetryEnded = forceRetry }, ct),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
