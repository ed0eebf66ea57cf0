using Baton.Cli.Inspection;
using Baton.Cli.Reporting;
using Baton.Cli.Storage;
using Baton.Evaluation;
using Baton.Evaluation.Baselines;
using Baton.Evaluation.Reports;

namespace Baton.Cli.Commands;

/// <summary>Writes an evaluation's report files: JSON, JUnit XML, and HTML with a trace page for each failed run beside it.</summary>
internal static class EvalOutputs
{
    /// <summary>The most trace pages written beside one HTML report.</summary>
    private const int MaxTraces = 200;

    public static async Task WriteAsync(EvalReport report, BaselineDiff? diff, string? html, string? json, string? junit, CliStore store, CliConsole console, CancellationToken cancellationToken)
    {
        if (json is not null)
        {
            await WriteFileAsync(console.FullPath(json), EvalJsonReport.Write(report, diff), console, cancellationToken).ConfigureAwait(false);
        }

        if (junit is not null)
        {
            await WriteFileAsync(console.FullPath(junit), JUnitReport.Write(report), console, cancellationToken).ConfigureAwait(false);
        }

        if (html is null)
        {
            return;
        }

        var path = console.FullPath(html);
        var folderName = Path.GetFileNameWithoutExtension(path) + "-traces";
        var folder = Path.Combine(Path.GetDirectoryName(path)!, folderName);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in report.Results.Where(r => r.Outcome != CaseOutcome.Passed && r.RunId is not null).Take(MaxTraces))
        {
            var events = await store.Store.ReadAsync(result.RunId!, cancellationToken).ConfigureAwait(false);
            if (events.Count == 0 || links.ContainsKey(result.RunId!))
            {
                continue;
            }

            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, result.RunId + ".html"), HtmlTrace.Render(RunTimeline.FromJournal(events), console.TimeProvider), cancellationToken).ConfigureAwait(false);
            links[result.RunId!] = $"{Uri.EscapeDataString(folderName)}/{result.RunId}.html";
        }

        var page = HtmlEvalReport.Render(report, diff, r => r.RunId is { } id ? links.GetValueOrDefault(id) : null);
        await WriteFileAsync(path, page, console, cancellationToken).ConfigureAwait(false);
        if (links.Count > 0)
        {
            await console.Out.WriteLineAsync($"  with {links.Count} trace page(s) of failed runs in {folder}").ConfigureAwait(false);
        }
    }

    private static async Task WriteFileAsync(string path, string text, CliConsole console, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
    }
}
