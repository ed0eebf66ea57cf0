using System.CommandLine;
using Baton.Cli.Inspection;
using Baton.Cli.Output;
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
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write. Default: trace-<run>.html in the current folder." };
        var command = new Command("report", "Write a run's trace as one self-contained HTML file: the steps, and for each handoff what the sender produced beside what the receiver saw.")
        {
            run, store, output,
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

            var path = console.FullPath(parse.GetValue(output) ?? DefaultFileName(runId));
            if (Directory.Exists(path) || Path.GetDirectoryName(path) is not { } folder)
            {
                await console.Error.WriteLineAsync($"error: -o {parse.GetValue(output)}: is a folder; give the HTML file to write, for example {Path.Combine(parse.GetValue(output) ?? ".", DefaultFileName(runId))}.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var events = await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);

            // The journal is redacted when written; a journal from elsewhere may not be, so the file is redacted too.
            var html = console.Redactor.Redact(HtmlTrace.Render(RunTimeline.FromJournal(events), console.TimeProvider));
            try
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync($"error: cannot write the report to {path}: {CliFailure.OneLine(ex.Message)} Choose another file with -o.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
            await console.Out.WriteLineAsync($"wrote {path} ({events.Count} journal events)").ConfigureAwait(false);
            return ExitCodes.Completed;
        });
        return command;
    }

    /// <summary>
    /// <c>trace-RUN.html</c> in the current folder, whatever the run id holds: a stored id is data, so path
    /// separators, dots and other characters outside [A-Za-z0-9_-] become '_' and it cannot name another folder.
    /// </summary>
    internal static string DefaultFileName(string runId)
    {
        var safe = new string([.. runId.Take(100).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return $"trace-{safe}.html";
    }
}
