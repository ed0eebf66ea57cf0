using System.CommandLine;
using Baton.Cli.Inspection;
using Baton.Cli.Reporting;
using Baton.Cli.Storage;

namespace Baton.Cli.Commands;

/// <summary><c>baton report RUN -o trace.html</c>: writes the run's trace as one self-contained HTML file.</summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var run = CliOptions.RunId();
        var store = CliOptions.Store();
        var postgres = ClusterCliOptions.Postgres();
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write. Default: trace-<run>.html in the current folder." };
        var command = new Command("report", "Write a run's trace as one self-contained HTML file: the steps, and for each handoff what the sender produced beside what the receiver saw.")
        {
            run, store, postgres, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var opened = CliStore.Open(parse.GetValue(store), console, parse.GetValue(postgres));
            await using var openedLifetime = opened.ConfigureAwait(false);
            var runId = await opened.FindRunAsync(parse.GetValue(run)!, console, cancellationToken).ConfigureAwait(false);
            if (runId is null)
            {
                return ExitCodes.InvalidInput;
            }

            var events = await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
            var path = console.FullPath(parse.GetValue(output) ?? $"trace-{runId}.html");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, HtmlTrace.Render(RunTimeline.FromJournal(events), console.TimeProvider), cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"wrote {path} ({events.Count} journal events)").ConfigureAwait(false);
            return ExitCodes.Completed;
        });
        return command;
    }
}
