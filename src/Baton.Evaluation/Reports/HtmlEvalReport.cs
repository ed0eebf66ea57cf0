using System.Globalization;
using System.Net;
using System.Text;
using Baton.Evaluation.Baselines;
using Baton.Evaluation.Expectations;

namespace Baton.Evaluation.Reports;

/// <summary>
/// Renders an evaluation as one self-contained HTML page (inline CSS and script, no requests): the pass rate, the
/// weakest handoffs first, the baseline comparison, the failed runs with links to their traces, per-agent figures
/// and every run.
/// </summary>
/// <remarks>Every value from a data set, a journal or a model is HTML-encoded; the page runs no code from them.</remarks>
public static class HtmlEvalReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The evaluation.</param>
    /// <param name="baseline">The comparison with a baseline, if any.</param>
    /// <param name="traceLink">Gives the link to a run's trace page (for example <c>traces/RUN.html</c>), or <see langword="null"/> when it has none.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(EvalReport report, BaselineDiff? baseline = null, Func<EvalCaseResult, string?>? traceLink = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        traceLink ??= static _ => null;
        var s = report.Summary;
        var h = new StringBuilder(32 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Baton eval ").Append(E(report.Name)).Append("</title><style>").Append(HtmlEvalAssets.Css).Append("</style></head><body>\n<header>");
        h.Append("<h1>Evaluation <code>").Append(E(report.Name)).Append("</code>");
        if (report.IsRehearsal)
        {
            h.Append(" <span class=\"badge rehearsal\">REHEARSAL</span>");
        }

        if (report.IsReplay)
        {
            h.Append(" <span class=\"badge\">re-scored from recorded runs</span>");
        }

        h.Append("</h1>");
        if (report.IsRehearsal)
        {
            h.Append("<p class=\"callout\">No model was called: agents answered with placeholders shaped by their contracts. Status, contracts, steps and token estimates are checked; expectations about what the agents wrote are not evaluated.</p>");
        }

        h.Append("<div class=\"figures\"><div class=\"figure\" id=\"pass-rate\"><div class=\"label\">pass rate</div><div class=\"big\">").Append(Percent(s.PassRate)).Append("</div><div class=\"muted\">")
            .Append(s.Passed).Append(" of ").Append(s.Runs).Append(" runs");
        if (s.PassRateInterval is { } interval)
        {
            h.Append("<br>95% Wilson interval ").Append(Percent(interval.Lower)).Append('–').Append(Percent(interval.Upper));
        }

        h.Append("</div></div>");
        Figure(h, "failed", s.Failed.ToString(CultureInfo.InvariantCulture), "runs with a failed expectation");
        Figure(h, "errors", s.Errors.ToString(CultureInfo.InvariantCulture), "runs that could not be fully checked");
        Figure(h, "tokens per run", $"{N(s.Tokens.P50)} / {N(s.Tokens.P95)} / {N(s.Tokens.Max)}", "p50 / p95 / max");
        Figure(h, "duration per run", $"{Ms(s.LatencyMs.P50)} / {Ms(s.LatencyMs.P95)} / {Ms(s.LatencyMs.Max)}", "p50 / p95 / max");
        h.Append("</div><p class=\"meta\">statuses: ").Append(E(string.Join(", ", s.StatusCounts.Select(p => $"{p.Key} {p.Value}"))))
            .Append(" · ").Append(report.Repeat).Append(report.Repeat == 1 ? " run" : " runs").Append(" per case · concurrency ").Append(report.Concurrency);
        foreach (var (key, value) in report.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            h.Append(" · ").Append(E(key)).Append(" <code>").Append(E(value)).Append("</code>");
        }

        h.Append("</p></header>\n<main>");
        Edges(h, s);
        if (baseline is not null)
        {
            Baseline(h, baseline);
        }

        Failures(h, report, traceLink);
        Agents(h, s);
        NotEvaluated(h, s);
        Runs(h, report, traceLink);
        h.Append("</main><script>").Append(HtmlEvalAssets.Script).Append("</script></body></html>\n");
        return h.ToString();
    }

    private static void Edges(StringBuilder h, EvalSummary s)
    {
        h.Append("<section id=\"edges\"><h2>Weakest handoffs</h2>");
        if (s.Edges.Count == 0)
        {
            h.Append("<p class=\"muted\">No handoffs were recorded.</p></section>\n");
            return;
        }

        var weakest = s.Edges[0];
        h.Append("<p class=\"callout\" id=\"weakest\">Weakest handoff: <b>").Append(E(weakest.Label)).Append("</b> — ")
            .Append(weakest.WithTrouble == 0
                ? "no handoff had validation failures, re-asks, fallbacks, compression or failed calls."
                : $"{Percent(weakest.TroubleRate)} of its {weakest.Handoffs} handoffs had trouble (validation failures {Percent(weakest.ValidationFailureRate)}, re-asks {Percent(weakest.ReaskRate)}, fallbacks {Percent(weakest.FallbackRate)}, compression {Percent(weakest.CompressionRate)}, failed calls {Percent(weakest.FailedCallRate)}).")
            .Append("</p><table><thead><tr><th>handoff</th><th class=\"n\">handoffs</th><th class=\"n\">any trouble</th><th class=\"n\">validation failures</th><th class=\"n\">re-asks</th><th class=\"n\">fallbacks</th><th class=\"n\">compression</th><th class=\"n\">failed calls</th></tr></thead><tbody>");
        var first = true;
        foreach (var e in s.Edges)
        {
            h.Append(first && e.WithTrouble > 0 ? "<tr class=\"weakest\">" : "<tr>").Append("<td>").Append(E(e.Label)).Append("</td><td class=\"n\">").Append(e.Handoffs)
                .Append("</td><td class=\"n\"><span class=\"bar\" style=\"width:").Append(Math.Round(e.TroubleRate * 60).ToString(CultureInfo.InvariantCulture)).Append("px\"></span> ")
                .Append(Percent(e.TroubleRate)).Append("</td><td class=\"n\">").Append(Percent(e.ValidationFailureRate)).Append("</td><td class=\"n\">").Append(Percent(e.ReaskRate))
                .Append("</td><td class=\"n\">").Append(Percent(e.FallbackRate)).Append("</td><td class=\"n\">").Append(Percent(e.CompressionRate))
                .Append("</td><td class=\"n\">").Append(Percent(e.FailedCallRate)).Append("</td></tr>");
            first = false;
        }

        h.Append("</tbody></table><p class=\"muted\">Each rate is the share of the edge's handoffs whose receiving step had at least one such event, read from the run journals.</p></section>\n");
    }

    private static void Baseline(StringBuilder h, BaselineDiff d)
    {
        h.Append("<section id=\"baseline\"><h2>Compared with <code>").Append(E(d.Source)).Append("</code></h2><p>")
            .Append(d.Regressions.Count).Append(" regression(s), ").Append(d.Fixes.Count).Append(" fix(es), ").Append(d.StillFailing.Count).Append(" still failing, ")
            .Append(d.Unchanged).Append(" still passing, ").Append(d.NewCases.Count).Append(" new, ").Append(d.MissingCases.Count).Append(" missing.</p>");
        foreach (var (title, changes) in new[] { ("Regressions", d.Regressions), ("Fixes", d.Fixes) })
        {
            if (changes.Count == 0)
            {
                continue;
            }

            h.Append("<h3>").Append(title).Append("</h3><table><thead><tr><th>case</th><th>before</th><th>after</th><th>why</th></tr></thead><tbody>");
            foreach (var c in changes)
            {
                h.Append("<tr><td><code>").Append(E(c.CaseId)).Append("</code></td><td>").Append(c.BaselinePassed).Append('/').Append(c.BaselineRuns)
                    .Append(" passed</td><td>").Append(c.CurrentPassed).Append('/').Append(c.CurrentRuns).Append(" passed</td><td>").Append(E(c.Why ?? string.Empty)).Append("</td></tr>");
            }

            h.Append("</tbody></table>");
        }

        h.Append("</section>\n");
    }

    private static void Failures(StringBuilder h, EvalReport report, Func<EvalCaseResult, string?> traceLink)
    {
        var failing = report.Results.Where(r => r.Outcome != CaseOutcome.Passed).ToList();
        h.Append("<section id=\"failures\"><h2>Failed runs (").Append(failing.Count).Append(")</h2>");
        if (failing.Count == 0)
        {
            h.Append("<p class=\"muted\">Every run passed.</p>");
        }

        foreach (var r in failing)
        {
            h.Append("<details class=\"failure\" open><summary><span class=\"badge ").Append(Outcome(r.Outcome)).Append("\">").Append(Outcome(r.Outcome)).Append("</span> <code>")
                .Append(E(r.Label(report.Repeat))).Append("</code> ").Append(E(r.FirstProblem is { } p ? $"{p.Description}: {Clip(p.Message, 200)}" : $"{r.Status}: {Clip(r.Reason, 200)}"))
                .Append("</summary>");
            RunDetails(h, r, traceLink);
            h.Append("</details>");
        }

        h.Append("</section>\n");
    }

    private static void RunDetails(StringBuilder h, EvalCaseResult r, Func<EvalCaseResult, string?> traceLink)
    {
        h.Append("<p class=\"meta\">");
        if (r.RunId is not null)
        {
            var link = traceLink(r);
            h.Append(link is null ? $"run <code>{E(r.RunId)}</code>" : $"<a href=\"{E(link)}\">trace of run <code>{E(r.RunId)}</code></a>")
                .Append(" · <code>baton show ").Append(E(r.RunId)).Append("</code> · ");
        }

        h.Append(E(r.Status)).Append(" · ").Append(r.StepCount).Append(" steps · ").Append(r.TotalTokens).Append(" tokens · ").Append(Ms(r.DurationMs));
        if (r.Case.Source is { } source)
        {
            h.Append(" · ").Append(E(source));
        }

        h.Append("</p><p><b>Task:</b> ").Append(E(Clip(r.Case.Task.Length == 0 ? "(empty)" : r.Case.Task, 600))).Append("</p><ul class=\"exp\">");
        foreach (var e in r.Expectations)
        {
            h.Append("<li><span class=\"badge ").Append(EvalJsonReport.Outcome(e.Outcome)).Append("\">").Append(EvalJsonReport.Outcome(e.Outcome).Replace('_', ' ')).Append("</span> ")
                .Append(E(e.Description)).Append(": <span class=\"muted\">").Append(E(Clip(e.Message, 600))).Append("</span>");
            if (e.JudgeRunId is not null)
            {
                h.Append(" <span class=\"muted\">(judge run <code>").Append(E(e.JudgeRunId)).Append("</code>)</span>");
            }

            h.Append("</li>");
        }

        h.Append("</ul>");
        if (r.FinalPreview is { } preview)
        {
            h.Append("<details><summary>Final output <code>").Append(E(r.FinalOutputName ?? string.Empty)).Append("</code></summary><pre>").Append(E(preview)).Append("</pre></details>");
        }
    }

    private static void Agents(StringBuilder h, EvalSummary s)
    {
        h.Append("<section id=\"agents\"><h2>Agents</h2><table><thead><tr><th>agent</th><th class=\"n\">steps</th><th class=\"n\">calls</th><th class=\"n\">re-asks</th><th class=\"n\">validation failures</th><th class=\"n\">fallbacks</th><th class=\"n\">compression</th><th class=\"n\">tokens p50 / p95 / max</th><th class=\"n\">latency p50 / p95 / max</th></tr></thead><tbody>");
        foreach (var a in s.Agents)
        {
            h.Append("<tr><td>").Append(E(a.Agent)).Append("</td><td class=\"n\">").Append(a.Steps).Append("</td><td class=\"n\">").Append(a.Calls).Append("</td><td class=\"n\">").Append(a.Reasks)
                .Append("</td><td class=\"n\">").Append(a.ValidationFailures).Append("</td><td class=\"n\">").Append(a.Fallbacks).Append("</td><td class=\"n\">").Append(a.Compressions)
                .Append("</td><td class=\"n\">").Append(N(a.Tokens.P50)).Append(" / ").Append(N(a.Tokens.P95)).Append(" / ").Append(N(a.Tokens.Max))
                .Append("</td><td class=\"n\">").Append(Ms(a.LatencyMs.P50)).Append(" / ").Append(Ms(a.LatencyMs.P95)).Append(" / ").Append(Ms(a.LatencyMs.Max)).Append("</td></tr>");
        }

        h.Append("</tbody></table><p class=\"muted\">Per agent step (re-asks included); percentiles are nearest-rank.</p></section>\n");
    }

    private static void NotEvaluated(StringBuilder h, EvalSummary s)
    {
        if (s.NotEvaluated.Count == 0)
        {
            return;
        }

        h.Append("<section id=\"not-evaluated\"><h2>Not evaluated</h2><p class=\"muted\">These expectations neither passed nor failed their runs.</p><ul>");
        foreach (var (reason, count) in s.NotEvaluated)
        {
            h.Append("<li>").Append(count).Append(" × ").Append(E(reason)).Append("</li>");
        }

        h.Append("</ul></section>\n");
    }

    private static void Runs(StringBuilder h, EvalReport report, Func<EvalCaseResult, string?> traceLink)
    {
        h.Append("<section id=\"all-runs\"><h2>All runs</h2><p class=\"filters\"><button type=\"button\" class=\"on\" data-filter=\"all\">All</button>")
            .Append("<button type=\"button\" data-filter=\"failed\">Failed</button><button type=\"button\" data-filter=\"error\">Errors</button><button type=\"button\" data-filter=\"passed\">Passed</button></p>")
            .Append("<table id=\"runs\"><thead><tr><th>case</th><th>outcome</th><th>status</th><th class=\"n\">steps</th><th class=\"n\">tokens</th><th class=\"n\">duration</th><th>tags</th><th>run</th></tr></thead><tbody>");
        foreach (var r in report.Results)
        {
            var outcome = Outcome(r.Outcome);
            h.Append("<tr data-outcome=\"").Append(outcome).Append("\"><td><code>").Append(E(r.Label(report.Repeat))).Append("</code></td><td><span class=\"badge ").Append(outcome).Append("\">")
                .Append(outcome).Append("</span></td><td>").Append(E(r.Status)).Append("</td><td class=\"n\">").Append(r.StepCount).Append("</td><td class=\"n\">").Append(r.TotalTokens)
                .Append("</td><td class=\"n\">").Append(Ms(r.DurationMs)).Append("</td><td>").Append(E(string.Join(", ", r.Case.Tags))).Append("</td><td>");
            if (r.RunId is not null)
            {
                var link = traceLink(r);
                h.Append(link is null ? $"<code>{E(r.RunId)}</code>" : $"<a href=\"{E(link)}\"><code>{E(r.RunId)}</code></a>");
            }

            h.Append("</td></tr>");
        }

        h.Append("</tbody></table></section>\n");
    }

    private static void Figure(StringBuilder h, string label, string value, string note) =>
        h.Append("<div class=\"figure\"><div class=\"label\">").Append(E(label)).Append("</div><div class=\"big\">").Append(E(value)).Append("</div><div class=\"muted\">").Append(E(note)).Append("</div></div>");

    private static string Outcome(CaseOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private static string Percent(double rate) => rate.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms >= 10_000 ? (ms / 1000).ToString("0.# s", CultureInfo.InvariantCulture) : ms.ToString("0 ms", CultureInfo.InvariantCulture);

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
