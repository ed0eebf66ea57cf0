using System.Globalization;
using Baton.Evaluation.Baselines;

namespace Baton.Evaluation.Reports;

/// <summary>Writes an evaluation's summary as plain text for a terminal or a CI log: pass rate, statuses, the weakest handoffs, failed runs and the baseline comparison.</summary>
public static class EvalTextReport
{
    private const int MaxFailuresShown = 20;

    /// <summary>Writes the summary.</summary>
    /// <param name="report">The evaluation.</param>
    /// <param name="baseline">The comparison with a baseline, if any.</param>
    /// <param name="writer">Where to write.</param>
    public static void Write(EvalReport report, BaselineDiff? baseline, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var s = report.Summary;
        var w = writer;
        w.WriteLine();
        var interval = s.PassRateInterval is { } i ? $" (95% Wilson interval {P(i.Lower)}–{P(i.Upper)})" : string.Empty;
        w.WriteLine($"{report.Name}: {s.Passed}/{s.Runs} runs passed ({P(s.PassRate)}){interval}; {s.Failed} failed, {s.Errors} error(s){(report.IsRehearsal ? "; REHEARSAL" : string.Empty)}{(report.IsReplay ? "; re-scored from recorded runs, no model called" : string.Empty)}.");
        w.WriteLine($"  statuses: {string.Join(", ", s.StatusCounts.Select(p => $"{p.Key} {p.Value}"))}");
        w.WriteLine(Inv($"  tokens per run p50/p95/max: {s.Tokens.P50:0}/{s.Tokens.P95:0}/{s.Tokens.Max:0}; duration per run p50/p95/max: {s.LatencyMs.P50:0}/{s.LatencyMs.P95:0}/{s.LatencyMs.Max:0} ms"));
        if (s.Edges.Count > 0)
        {
            w.WriteLine("  weakest handoffs (share of handoffs with validation failures, re-asks, fallbacks, compression or failed calls):");
            foreach (var e in s.Edges.Take(3))
            {
                w.WriteLine($"    {e.Label}: {P(e.TroubleRate)} of {e.Handoffs} (validation {P(e.ValidationFailureRate)}, re-ask {P(e.ReaskRate)}, fallback {P(e.FallbackRate)}, compression {P(e.CompressionRate)})");
            }
        }

        foreach (var (reason, count) in s.NotEvaluated.Take(5))
        {
            w.WriteLine($"  not evaluated ({count}): {reason}");
        }

        foreach (var flaky in s.Cases.Where(c => c.IsFlaky))
        {
            w.WriteLine($"  flaky: {flaky.CaseId} passed {flaky.Passed}/{flaky.Runs}");
        }

        var failing = report.Results.Where(r => r.Outcome != CaseOutcome.Passed).ToList();
        foreach (var r in failing.Take(MaxFailuresShown))
        {
            var problem = r.FirstProblem is { } p ? $"{p.Description}: {p.Message}" : $"{r.Status}: {r.Reason}";
            w.WriteLine($"  {r.Outcome.ToString().ToUpperInvariant()} {r.Label(report.Repeat)}: {Clip(problem, 240)}{(r.RunId is null ? string.Empty : $"  (baton show {r.RunId})")}");
        }

        if (failing.Count > MaxFailuresShown)
        {
            w.WriteLine($"  … and {failing.Count - MaxFailuresShown} more failed run(s) (see the HTML or JSON report).");
        }

        if (baseline is not null)
        {
            w.WriteLine($"  compared with {baseline.Source}: {baseline.Regressions.Count} regression(s), {baseline.Fixes.Count} fix(es), {baseline.StillFailing.Count} still failing, {baseline.NewCases.Count} new, {baseline.MissingCases.Count} missing");
            foreach (var c in baseline.Regressions)
            {
                w.WriteLine($"    REGRESSION {c.CaseId}: passed {c.BaselinePassed}/{c.BaselineRuns} before, {c.CurrentPassed}/{c.CurrentRuns} now{(c.Why is null ? string.Empty : $": {Clip(c.Why, 200)}")}");
            }

            foreach (var c in baseline.Fixes)
            {
                w.WriteLine($"    FIXED {c.CaseId}: passed {c.BaselinePassed}/{c.BaselineRuns} before, {c.CurrentPassed}/{c.CurrentRuns} now");
            }
        }
    }

    private static string P(double rate) => rate.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
