using System.Globalization;
using Baton.Evaluation;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>Shows an evaluation's progress: a progress bar on a terminal, one line per finished run when output is redirected (logs, CI).</summary>
internal sealed class EvalProgressPrinter(CliConsole console, int repeat)
{
    private ProgressTask? _bar;

    public void OnRunCompleted(EvalProgress progress)
    {
        if (_bar is { } bar)
        {
            bar.MaxValue = progress.Total;
            bar.Value = progress.Completed;
            bar.Description = Markup.Escape($"{progress.Passed} passed, {progress.Failed} failed, {progress.Errors} errors");
            return;
        }

        if (!console.IsOutputRedirected)
        {
            return;
        }

        var r = progress.Last;
        var width = progress.Total.ToString(CultureInfo.InvariantCulture).Length;
        var counter = $"[{progress.Completed.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{progress.Total}]";
        var facts = string.Create(CultureInfo.InvariantCulture, $"{r.Status} · {r.StepCount} steps · {r.TotalTokens} tokens · {r.DurationMs / 1000:0.0} s");
        var problem = r.FirstProblem is { } p ? $" — {p.Description}: {Clip(p.Message)}" : r.Outcome == CaseOutcome.Passed ? string.Empty : $" — {Clip(r.Reason)}";
        console.Out.WriteLine($"{counter} {Word(r.Outcome)} {r.Label(repeat)}  {facts}{problem}");
    }

    public async Task<EvalReport> RunAsync(Func<Task<EvalReport>> run)
    {
        if (console.IsOutputRedirected)
        {
            return await run().ConfigureAwait(false);
        }

        return await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            _bar = context.AddTask("starting", maxValue: 1);
            // On the thread pool, so the bar keeps drawing while runs do synchronous work.
            var report = await Task.Run(run).ConfigureAwait(false);
            _bar.StopTask();
            return report;
        }).ConfigureAwait(false);
    }

    private static string Word(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "passed",
        CaseOutcome.Failed => "FAILED",
        _ => "ERROR ",
    };

    private static string Clip(string text) => text.Length <= 160 ? text : string.Concat(text.AsSpan(0, 159), "…");
}
