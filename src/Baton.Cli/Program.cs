using System.Runtime.InteropServices;
using Baton.Cli;

// Never disposed: the runtime may call the signal handlers below on its own thread after the command has returned.
var cancellation = new CancellationTokenSource();

void Cancel(PosixSignalContext context)
{
    // The first Ctrl+C (or SIGTERM) cancels the run, which ends as cancelled, resumable, with its journal intact;
    // a second one ends the process at once.
    if (cancellation.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    try
    {
        cancellation.Cancel();
    }
    catch (AggregateException)
    {
        // A cancellation callback failed; the command sees the cancellation anyway and reports it.
    }
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
try
{
    return await BatonCli.InvokeAsync(args, CliConsole.FromProcess(), cancellation.Token).ConfigureAwait(false);
}
catch (Exception ex)
{
    // BatonCli reports every failure itself; this is the last line of defence, and it prints no stack trace.
    try
    {
        await Console.Error.WriteLineAsync($"error: unexpected {ex.GetType().Name} (set BATON_DEBUG=1 for the details)").ConfigureAwait(false);
    }
    catch (IOException)
    {
        // stderr is gone.
    }

    return ExitCodes.Failed;
}
