using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Evaluation.Baselines;

namespace Baton.Evaluation.Reports;

/// <summary>
/// Writes an evaluation as one JSON document: the summary, every run (with its run id, expectations, judge run ids
/// and per-step figures) and the baseline comparison. It is the baseline a later evaluation compares with, and the
/// record <c>--replay</c> re-scores (read back with <see cref="RecordedEval"/>).
/// </summary>
public static class EvalJsonReport
{
    /// <summary>The value of the document's <c>format</c> property.</summary>
    public const string Format = "baton-eval";

    /// <summary>The version of the document's shape written by this library.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the report as JSON.</summary>
    /// <param name="report">The evaluation.</param>
    /// <param name="baseline">The comparison with a baseline, if any.</param>
    /// <returns>The JSON text (indented).</returns>
    public static string Write(EvalReport report, BaselineDiff? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("schema_version", SchemaVersion);
            w.WriteString("name", report.Name);
            w.WriteStartObject("metadata");
            foreach (var (key, value) in report.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteString("started_at", report.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("finished_at", report.FinishedAt.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNumber("concurrency", report.Concurrency);
            w.WriteNumber("repeat", report.Repeat);
            w.WriteBoolean("rehearsal", report.IsRehearsal);
            w.WriteBoolean("replay", report.IsReplay);
            WriteSummary(w, report.Summary);
            w.WriteStartArray("cases");
            foreach (var result in report.Results)
            {
                WriteCase(w, result);
            }

            w.WriteEndArray();
            if (baseline is not null)
            {
                WriteBaseline(w, baseline);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSummary(Utf8JsonWriter w, EvalSummary s)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("runs", s.Runs);
        w.WriteNumber("passed", s.Passed);
        w.WriteNumber("failed", s.Failed);
        w.WriteNumber("errors", s.Errors);
        w.WriteNumber("pass_rate", Math.Round(s.PassRate, 4));
        if (s.PassRateInterval is { } interval)
        {
            w.WriteStartObject("pass_rate_interval");
            w.WriteString("method", interval.Method);
            w.WriteNumber("confidence", interval.Confidence);
            w.WriteNumber("lower", Math.Round(interval.Lower, 4));
            w.WriteNumber("upper", Math.Round(interval.Upper, 4));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("pass_rate_interval");
        }

        w.WriteStartObject("statuses");
        foreach (var (status, count) in s.StatusCounts)
        {
            w.WriteNumber(status, count);
        }

        w.WriteEndObject();
        w.WriteStartArray("not_evaluated");
        foreach (var (reason, count) in s.NotEvaluated)
        {
            w.WriteStartObject();
            w.WriteString("reason", reason);
            w.WriteNumber("count", count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteDistribution(w, "tokens", s.Tokens);
        WriteDistribution(w, "latency_ms", s.LatencyMs);
        w.WriteStartArray("agents");
        foreach (var a in s.Agents)
        {
            w.WriteStartObject();
            w.WriteString("agent", a.Agent);
            w.WriteNumber("steps", a.Steps);
            w.WriteNumber("calls", a.Calls);
            w.WriteNumber("reasks", a.Reasks);
            w.WriteNumber("validation_failures", a.ValidationFailures);
            w.WriteNumber("fallbacks", a.Fallbacks);
            w.WriteNumber("compressions", a.Compressions);
            w.WriteNumber("failed_calls", a.FailedCalls);
            WriteDistribution(w, "tokens", a.Tokens);
            WriteDistribution(w, "latency_ms", a.LatencyMs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("edges");
        foreach (var e in s.Edges)
        {
            w.WriteStartObject();
            if (e.From is null)
            {
                w.WriteNull("from");
            }
            else
            {
                w.WriteString("from", e.From);
            }

            w.WriteString("to", e.To);
            w.WriteNumber("handoffs", e.Handoffs);
            w.WriteNumber("trouble_rate", Math.Round(e.TroubleRate, 4));
            w.WriteNumber("validation_failure_rate", Math.Round(e.ValidationFailureRate, 4));
            w.WriteNumber("reask_rate", Math.Round(e.ReaskRate, 4));
            w.WriteNumber("fallback_rate", Math.Round(e.FallbackRate, 4));
            w.WriteNumber("compression_rate", Math.Round(e.CompressionRate, 4));
            w.WriteNumber("failed_call_rate", Math.Round(e.FailedCallRate, 4));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("flaky_cases");
        foreach (var c in s.Cases.Where(c => c.IsFlaky))
        {
            w.WriteStartObject();
            w.WriteString("id", c.CaseId);
            w.WriteNumber("passed", c.Passed);
            w.WriteNumber("runs", c.Runs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter w, EvalCaseResult r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Case.Id);
        w.WriteNumber("repeat", r.Repeat);
        WriteNullable(w, "run_id", r.RunId);
        w.WriteString("status", r.Status);
        w.WriteString("reason", r.Reason);
        w.WriteString("outcome", r.Outcome.ToString().ToLowerInvariant());
        WriteNullable(w, "source", r.Case.Source);
        w.WriteStartArray("tags");
        foreach (var tag in r.Case.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteNumber("input_tokens", r.InputTokens);
        w.WriteNumber("output_tokens", r.OutputTokens);
        w.WriteNumber("steps", r.StepCount);
        w.WriteNumber("model_calls", r.ModelCalls);
        w.WriteNumber("duration_ms", Math.Round(r.DurationMs, 1));
        WriteNullable(w, "final_output", r.FinalOutputName);
        WriteNullable(w, "final_preview", r.FinalPreview);
        w.WriteStartArray("expectations");
        foreach (var e in r.Expectations)
        {
            w.WriteStartObject();
            w.WriteString("kind", e.Kind);
            w.WriteString("description", e.Description);
            w.WriteString("outcome", Outcome(e.Outcome));
            w.WriteString("message", e.Message);
            if (e.JudgeRunId is not null)
            {
                w.WriteString("judge_run_id", e.JudgeRunId);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("step_stats");
        foreach (var s in r.Steps)
        {
            w.WriteStartObject();
            w.WriteNumber("step", s.Step);
            WriteNullable(w, "from", s.From);
            w.WriteString("agent", s.Agent);
            w.WriteNumber("calls", s.Calls);
            w.WriteNumber("retries", s.Retries);
            w.WriteNumber("reasks", s.Reasks);
            w.WriteNumber("validation_failures", s.ValidationFailures);
            w.WriteNumber("fallbacks", s.Fallbacks);
            w.WriteNumber("compressions", s.Compressions);
            w.WriteNumber("failed_calls", s.FailedCalls);
            w.WriteNumber("input_tokens", s.InputTokens);
            w.WriteNumber("output_tokens", s.OutputTokens);
            w.WriteNumber("latency_ms", Math.Round(s.LatencyMs, 1));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteBaseline(Utf8JsonWriter w, BaselineDiff d)
    {
        w.WriteStartObject("baseline");
        w.WriteString("source", d.Source);
        WriteChanges(w, "regressions", d.Regressions);
        WriteChanges(w, "fixes", d.Fixes);
        WriteChanges(w, "still_failing", d.StillFailing);
        w.WriteStartArray("new_cases");
        foreach (var id in d.NewCases)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteStartArray("missing_cases");
        foreach (var id in d.MissingCases)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteNumber("unchanged", d.Unchanged);
        w.WriteEndObject();
    }

    private static void WriteChanges(Utf8JsonWriter w, string name, IReadOnlyList<CaseChange> changes)
    {
        w.WriteStartArray(name);
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteString("id", c.CaseId);
            w.WriteString("before", $"{c.BaselinePassed}/{c.BaselineRuns}");
            w.WriteString("after", $"{c.CurrentPassed}/{c.CurrentRuns}");
            WriteNullable(w, "run_id", c.FailingRunId);
            WriteNullable(w, "why", c.Why);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteDistribution(Utf8JsonWriter w, string name, Distribution d)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", d.Count);
        w.WriteNumber("p50", Math.Round(d.P50, 1));
        w.WriteNumber("p95", Math.Round(d.P95, 1));
        w.WriteNumber("max", Math.Round(d.Max, 1));
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    internal static string Outcome(Expectations.ExpectationOutcome outcome) => outcome switch
    {
        Expectations.ExpectationOutcome.Passed => "passed",
        Expectations.ExpectationOutcome.Failed => "failed",
        Expectations.ExpectationOutcome.NotEvaluated => "not_evaluated",
        _ => "error",
    };
}
