using Baton.Cli.Output;
using Baton.Cli.Progress;
using Baton.Cli.Storage;
using Baton.Orchestration;

namespace Baton.Cli.Commands;

/// <summary>Runs, resumes or answers a run with live progress and prints its result; shared by <c>run</c>, <c>resume</c> and <c>answer</c>.</summary>
internal static class RunLauncher
{
    public static async Task<int> ExecuteAsync(
        CliConsole console, CliStore store, bool json, bool rehearsal, Func<HandoffRunner, CancellationToken, Task<RunResult>> start, CancellationToken cancellationToken)
    {
        var (result, exit) = await WithProgressAsync(console, store, json, start, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return exit;
        }

        await ResultPrinter.PrintAsync(result, console, json, store.Path, rehearsal).ConfigureAwait(false);
        return ExitCodes.For(result.Status);
    }

    /// <summary>Runs <paramref name="start"/> on a runner over the store, with live progress unless <paramref name="json"/>; a configuration or replay problem is printed and returned as exit 2.</summary>
    public static async Task<(T? Value, int Exit)> WithProgressAsync<T>(
        CliConsole console, CliStore store, bool json, Func<HandoffRunner, CancellationToken, Task<T>> start, CancellationToken cancellationToken)
        where T : class
    {
        // Every text the run journals (answers, errors, outputs) is redacted before it is written.
        var options = new HandoffRunnerOptions { Store = store.Store, TimeProvider = console.TimeProvider, Redactor = console.Redactor };
        LiveProgress? live = null;
        if (!json)
        {
            if (console.IsOutputRedirected || console.Out is not SafeConsoleWriter terminal)
            {
                options.Observers.Add(new PlainProgress(console.Out, console.TimeProvider));
            }
            else
            {
                live = new LiveProgress(terminal, console.TimeProvider);
                options.Observers.Add(live);
            }
        }

        var runner = new HandoffRunner(options);
        try
        {
            using (live?.Start())
            {
                return (await start(runner, cancellationToken).ConfigureAwait(false), ExitCodes.Completed);
            }
        }
        catch (OrchestrationConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return (null, ExitCodes.InvalidInput);
        }
        catch (ReplayMismatchException ex)
        {
            await console.Error.WriteLineAsync($"error: the run's journal does not match the spec as it is now: {ex.Message}").ConfigureAwait(false);
            await console.Error.WriteLineAsync("  Resume with the spec the run was started with (the agents, their order and instructions must not change).").ConfigureAwait(false);
            return (null, ExitCodes.InvalidInput);
        }
    }
}
