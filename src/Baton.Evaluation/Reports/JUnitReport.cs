using System.Globalization;
using System.Text;
using System.Xml;
using Baton.Evaluation.Expectations;

namespace Baton.Evaluation.Reports;

/// <summary>
/// Writes an evaluation as JUnit XML, the test report format CI systems read (GitHub Actions, GitLab, Jenkins, Azure
/// Pipelines): one <c>testsuite</c> named after the evaluation, one <c>testcase</c> per run, with a <c>failure</c>
/// for a failed run and an <c>error</c> for a run with an error. The figures go in <c>properties</c>.
/// </summary>
/// <remarks>Characters XML 1.0 cannot carry (control characters a model may emit) are replaced with U+FFFD, so the document always parses.</remarks>
public static class JUnitReport
{
    /// <summary>Writes the report as JUnit XML.</summary>
    /// <param name="report">The evaluation.</param>
    /// <returns>The XML text.</returns>
    public static string Write(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Summary;
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var writer = new Utf8StringWriter(builder))
        using (var x = XmlWriter.Create(writer, settings))
        {
            var seconds = Seconds((report.FinishedAt - report.StartedAt).TotalMilliseconds);
            x.WriteStartDocument();
            x.WriteStartElement("testsuites");
            x.WriteAttributeString("name", Clean($"baton eval {report.Name}"));
            x.WriteAttributeString("tests", Count(s.Runs));
            x.WriteAttributeString("failures", Count(s.Failed));
            x.WriteAttributeString("errors", Count(s.Errors));
            x.WriteAttributeString("skipped", "0");
            x.WriteAttributeString("time", seconds);

            x.WriteStartElement("testsuite");
            x.WriteAttributeString("name", Clean(report.Name));
            x.WriteAttributeString("tests", Count(s.Runs));
            x.WriteAttributeString("failures", Count(s.Failed));
            x.WriteAttributeString("errors", Count(s.Errors));
            x.WriteAttributeString("skipped", "0");
            x.WriteAttributeString("time", seconds);
            x.WriteAttributeString("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            x.WriteAttributeString("hostname", "baton");

            x.WriteStartElement("properties");
            Property(x, "pass_rate", s.PassRate.ToString("0.####", CultureInfo.InvariantCulture));
            if (s.PassRateInterval is { } interval)
            {
                Property(x, "pass_rate_interval", string.Create(CultureInfo.InvariantCulture, $"{interval.Method} {interval.Confidence:0.##}: [{interval.Lower:0.####}, {interval.Upper:0.####}]"));
            }

            Property(x, "rehearsal", report.IsRehearsal ? "true" : "false");
            Property(x, "replay", report.IsReplay ? "true" : "false");
            Property(x, "repeat", Count(report.Repeat));
            Property(x, "concurrency", Count(report.Concurrency));
            foreach (var (key, value) in report.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Property(x, key, value);
            }

            if (s.Edges.Count > 0 && s.Edges[0] is var weakest)
            {
                Property(x, "weakest_handoff", $"{weakest.Label}: {weakest.TroubleRate.ToString("0.#%", CultureInfo.InvariantCulture)} of {weakest.Handoffs} handoffs with trouble");
            }

            x.WriteEndElement();

            foreach (var result in report.Results)
            {
                TestCase(x, report, result);
            }

            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }

        return builder.ToString();
    }

    private static void TestCase(XmlWriter x, EvalReport report, EvalCaseResult result)
    {
        x.WriteStartElement("testcase");
        x.WriteAttributeString("name", Clean(result.Label(report.Repeat)));
        x.WriteAttributeString("classname", Clean(result.Case.Tags.IsDefaultOrEmpty ? report.Name : $"{report.Name}.{result.Case.Tags[0]}"));
        x.WriteAttributeString("time", Seconds(result.DurationMs));
        if (result.Case.Source is { } source)
        {
            x.WriteAttributeString("file", Clean(source[..source.LastIndexOf(':')]));
        }

        var details = Details(result);
        if (result.Outcome != CaseOutcome.Passed)
        {
            var problem = result.FirstProblem;
            x.WriteStartElement(result.Outcome == CaseOutcome.Failed ? "failure" : "error");
            x.WriteAttributeString("message", Clean(problem is null ? $"{result.Status}: {result.Reason}" : $"{problem.Description}: {problem.Message}"));
            x.WriteAttributeString("type", Clean(problem?.Kind ?? result.Status));
            x.WriteString(Clean(details));
            x.WriteEndElement();
        }

        x.WriteStartElement("system-out");
        x.WriteString(Clean(details));
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static string Details(EvalCaseResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"run {result.RunId ?? "(none)"}: {result.Status}: {result.Reason}\n");
        text.Append(CultureInfo.InvariantCulture, $"{result.StepCount} steps, {result.TotalTokens} tokens, {result.ModelCalls} model calls\n");
        foreach (var e in result.Expectations)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{EvalJsonReport.Outcome(e.Outcome)}] {e.Description}: {e.Message}");
            if (e.JudgeRunId is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" (judge run {e.JudgeRunId})");
            }

            text.Append('\n');
        }

        if (result.RunId is not null && result.Outcome != CaseOutcome.Passed)
        {
            text.Append(CultureInfo.InvariantCulture, $"inspect: baton show {result.RunId}\n");
        }

        return text.ToString();
    }

    private static void Property(XmlWriter x, string name, string value)
    {
        x.WriteStartElement("property");
        x.WriteAttributeString("name", Clean(name));
        x.WriteAttributeString("value", Clean(value));
        x.WriteEndElement();
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Replaces characters XML 1.0 cannot carry (and unpaired surrogates) with U+FFFD.</summary>
    internal static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = XmlConvert.IsXmlChar(c) || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]));
            if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]))
            {
                ok = true;
            }

            if (!ok)
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                clean.Append('\uFFFD');
            }
            else
            {
                clean?.Append(c);
            }
        }

        return clean?.ToString() ?? text;
    }

    /// <summary>A string writer that declares UTF-8, since the report is saved as UTF-8.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding { get; } = new UTF8Encoding(false);
    }
}
