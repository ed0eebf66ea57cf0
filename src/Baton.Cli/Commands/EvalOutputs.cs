using Baton.Cli.Inspection;
using Baton.Cli.Output;
using Baton.Cli.Reporting;
using Baton.Cli.Storage;
using Baton.Evaluation;
using Baton.Evaluation.Baselines;
using Baton.Evaluation.Reports;

namespace Baton.Cli.Commands;

/// <summary>
/// Writes an evaluation's report files: JSON, JUnit XML, and HTML with a trace page for each failed run beside it.
/// Every file is redacted like all CLI output; a file that cannot be written is a one-line error.
/// </summary>
internal static class EvalOutputs
{
    /// <summary>The most trace pages written beside one HTML report.</summary>
    private const int MaxTraces = 200;

    public static async Task<bool> WriteAsync(EvalReport report, BaselineDiff? diff, string? html, string? json, string? junit, CliStore store, CliConsole console, CancellationToken cancellationToken)
    {
        if (json is not null && !await WriteFileAsync(json, "--json", EvalJsonReport.Write(report, diff), console, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (junit is not null && !await WriteFileAsync(junit, "--junit", JUnitReport.Write(report), console, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (html is null)
        {
            return true;
        }

        var path = console.FullPath(html);
        var folderName = Path.GetFileNameWithoutExtension(path) + "-traces";
        var folder = Path.Combine(Path.GetDirectoryName(path) ?? console.WorkingDirectory, folderName);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var result in report.Results.Where(r => r.Outcome != CaseOutcome.Passed && r.RunId is not null).Take(MaxTraces))
            {
                var events = await store.Store.ReadAsync(result.RunId!, cancellationToken).ConfigureAwait(false);
                if (events.Count == 0 || links.ContainsKey(result.RunId!))
                {
                    continue;
                }

                // A run id read back from a replayed report is data: the file name keeps only safe characters.
                var file = ReportCommand.DefaultFileName(result.RunId!);
                Directory.CreateDirectory(folder);
                var trace = console.Redactor.Redact(HtmlTrace.Render(RunTimeline.FromJournal(events), console.TimeProvider));
                await File.WriteAllTextAsync(Path.Combine(folder, file), trace, cancellationToken).ConfigureAwait(false);
                links[result.RunId!] = $"{Uri.EscapeDataString(folderName)}/{file}";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"error: -o {html}: cannot write the trace pages to {folder}: {CliFailure.OneLine(ex.Message)} Choose another file with -o.").ConfigureAwait(false);
            return false;
        }

        var page = HtmlEvalReport.Render(report, diff, r => r.RunId is { } id ? links.GetValueOrDefault(id) : null);
        if (!await WriteFileAsync(html, "-o", page, console, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (links.Count > 0)
        {
            await console.Out.WriteLineAsync($"  with {links.Count} trace page(s) of failed runs in {folder}").ConfigureAwait(false);
        }

        return true;
    }

    private static async Task<bool> WriteFileAsync(string given, string option, string text, CliConsole console, CancellationToken cancellationToken)
    {
        var path = console.FullPath(given);
        if (Directory.Exists(path))
        {
            await console.Error.WriteLineAsync($"error: {option} {given}: is a folder; give the file to write.").ConfigureAwait(false);
            return false;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path) ?? console.WorkingDirectory);
            await File.WriteAllTextAsync(path, console.Redactor.Redact(text), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"error: {option}: cannot write {path}: {CliFailure.OneLine(ex.Message)} Choose another file.").ConfigureAwait(false);
            return false;
        }

        await console.Out.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
        return true;
    }
}
