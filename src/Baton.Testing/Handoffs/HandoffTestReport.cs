using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baton.Testing;

/// <summary>The report of a handoff test: one result per fixture and a summary, as text or as JSON.</summary>
public sealed class HandoffTestReport
{
    internal HandoffTestReport(string agent, ImmutableArray<HandoffFixtureResult> results)
    {
        Agent = agent;
        Results = results;
    }

    /// <summary>Gets the name of the agent under test.</summary>
    public string Agent { get; }

    /// <summary>Gets one result per fixture, in the order the fixtures were given.</summary>
    public ImmutableArray<HandoffFixtureResult> Results { get; }

    /// <summary>Gets the number of fixtures that passed.</summary>
    public int PassedCount => Results.Count(r => r.Passed);

    /// <summary>Gets the number of fixtures that failed.</summary>
    public int FailedCount => Results.Length - PassedCount;

    /// <summary>Gets whether every fixture passed (and there was at least one).</summary>
    public bool Passed => Results.Length > 0 && FailedCount == 0;

    /// <summary>Gets the results of the fixtures that failed.</summary>
    public IEnumerable<HandoffFixtureResult> Failures => Results.Where(r => !r.Passed);

    /// <summary>Renders the report: one line per fixture (PASS or FAIL, name, tokens, latency, reasons), then a summary line.</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var width = Math.Min(48, Results.Select(r => r.Fixture.Length).DefaultIfEmpty(8).Max());
        var sb = new StringBuilder();
        foreach (var r in Results)
        {
            sb.Append(r.Passed ? "PASS  " : "FAIL  ")
              .Append(r.Fixture.PadRight(width))
              .Append(CultureInfo.InvariantCulture, $"  {r.InputTokens + r.OutputTokens,7} tok  {r.LatencyMs,8:F1} ms");
            if (r.ValidationFailures > 0 || r.Output is { Via.IsPrimary: false })
            {
                sb.Append("  (").Append(Notes(r)).Append(')');
            }

            if (!r.Passed)
            {
                sb.Append("  ").Append(string.Join("; ", r.Failures.Select(OneLine)));
            }

            sb.Append('\n');
        }

        var tokens = Results.Sum(r => r.InputTokens + r.OutputTokens);
        var latency = Results.Sum(r => r.LatencyMs);
        sb.Append(CultureInfo.InvariantCulture, $"{Agent}: {Results.Length} fixtures, {PassedCount} passed, {FailedCount} failed ({tokens} tokens, {latency:F1} ms)");
        return sb.ToString();
    }

    /// <summary>Writes the report as JSON: agent, counts and one object per fixture (snake_case).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("agent", Agent);
            w.WriteBoolean("passed", Passed);
            w.WriteNumber("total", Results.Length);
            w.WriteNumber("passed_count", PassedCount);
            w.WriteNumber("failed_count", FailedCount);
            w.WriteStartArray("results");
            foreach (var r in Results)
            {
                w.WriteStartObject();
                w.WriteString("fixture", r.Fixture);
                if (r.EdgeCase is { } kind)
                {
                    w.WriteString("edge_case", EdgeCaseGenerator.NameOf(kind));
                }

                w.WriteBoolean("passed", r.Passed);
                w.WriteString("status", r.Status.ToString());
                w.WriteString("reason", r.Reason);
                w.WriteStartArray("failures");
                foreach (var f in r.Failures)
                {
                    w.WriteStringValue(f);
                }

                w.WriteEndArray();
                w.WriteNumber("input_tokens", r.InputTokens);
                w.WriteNumber("output_tokens", r.OutputTokens);
                w.WriteNumber("latency_ms", Math.Round(r.LatencyMs, 3));
                w.WriteNumber("validation_failures", r.ValidationFailures);
                if (r.Output is { } via)
                {
                    w.WriteString("via", via.Via.Value);
                }

                w.WriteString("run_id", r.RunId);
                if (r.Output is { } output)
                {
                    w.WritePropertyName("output");
                    output.Value.WriteTo(w);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public override string ToString() => ToText();

    private static string Notes(HandoffFixtureResult r)
    {
        var notes = new List<string>(2);
        if (r.ValidationFailures > 0)
        {
            notes.Add(r.ValidationFailures == 1 ? "1 rejected reply" : $"{r.ValidationFailures} rejected replies");
        }

        if (r.Output is { Via.IsPrimary: false } output)
        {
            notes.Add($"via {output.Via}");
        }

        return string.Join(", ", notes);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
