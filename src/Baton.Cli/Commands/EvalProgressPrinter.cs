using System.Globalization;
using Baton.Cli.Output;
using Baton.Evaluation;

namespace Baton.Cli.Commands;

/// <summary>
/// Shows an evaluation's progress through the CLI's redacting console: on a terminal, a status line with a bar and
/// the counts (failed runs are printed above it as they finish); when output is redirected (logs, CI), one line per
/// finished run.
/// </summary>
internal sealed class EvalProgressPrinter(CliConsole console, int repeat)
{
    private const int StatusWidth = 79;
    private const int BarWidth = 20;

    private SafeConsoleWriter? _terminal;

    public void OnRunCompleted(EvalProgress progress)
    {
        var r = progress.Last;
        if (_terminal is { } terminal)
        {
            if (r.Outcome != CaseOutcome.Passed)
            {
                terminal.WriteLine(Line(progress));
            }

            var filled = progress.Total == 0 ? BarWidth : progress.Completed * BarWidth / progress.Total;
            terminal.ShowStatus(
                string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {progress.Completed}/{progress.Total} · {progress.Passed} passed · {progress.Failed} failed · {progress.Errors} errors · {progress.Elapsed.TotalSeconds:F1} s"),
                StatusWidth);
            return;
        }

        console.Out.WriteLine(Line(progress));
    }

    public async Task<EvalReport> RunAsync(Func<Task<EvalReport>> run)
    {
        if (console.IsOutputRedirected || console.Out is not SafeConsoleWriter terminal)
        {
            return await run().ConfigureAwait(false);
        }

        _terminal = terminal;
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            terminal.ShowStatus(null, StatusWidth);
            _terminal = null;
        }
    }

    private string Line(EvalProgress progress)
    {
        var r = progress.Last;
        var width = progress.Total.ToString(CultureInfo.InvariantCulture).Length;
        var counter = $"[{progress.Completed.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{progress.Total}]";
        var facts = string.Create(CultureInfo.InvariantCulture, $"{r.Status} · {r.StepCount} steps · {r.TotalTokens} tokens · {r.DurationMs / 1000:0.0} s");
        var problem = r.FirstProblem is { } p ? $" — {p.Description}: {Clip(p.Message)}" : r.Outcome == CaseOutcome.Passed ? string.Empty : $" — {Clip(r.Reason)}";
        return $"{counter} {Word(r.Outcome)} {r.Label(repeat)}  {facts}{problem}";
    }

    private static string Word(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "passed",
        CaseOutcome.Failed => "FAILED",
        _ => "ERROR ",
    };

    private static string Clip(string text) => text.Length <= 160 ? text : string.Concat(text.AsSpan(0, 159), "…");
}
