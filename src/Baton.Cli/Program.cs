using Baton.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the run, which then ends as cancelled with its journal intact.
    e.Cancel = true;
    cancellation.Cancel();
};
return await BatonCli.InvokeAsync(args, CliConsole.FromProcess(), cancellation.Token).ConfigureAwait(false);
