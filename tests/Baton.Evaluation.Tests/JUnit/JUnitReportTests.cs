using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Baton.Evaluation.Reports;

namespace Baton.Evaluation.Tests.JUnit;

public sealed class JUnitReportTests
{
    private static async Task<EvalReport> MixedReportAsync()
    {
        var pipeline = new ArticlePipeline
        {
            // A model that emits control characters XML 1.0 cannot carry.
            Editor = r => ArticlePipeline.Topic(r) == "bad" ? "wheat \u0001\u001b[31m <b>&</b> \uD800" : "wheat and drought",
        };
        return await pipeline.EvaluateAsync("""
            {"id":"ok","task":"good","tags":["topic"],"expect":{"contains":"wheat"}}
            {"id":"fails <&>","task":"bad","expect":{"contains":"barley"}}
            {"id":"errs","task":"good","expect":{"judge":"x"}}
            """, new EvalOptions { JudgeClient = ArticlePipeline.Judge(_ => "not a verdict"), Name = "article" });
    }

    private static XDocument ParseValidated(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "JUnit", "junit.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(reader);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return document;
    }

    [Fact]
    public async Task Write_MixedOutcomes_IsValidAgainstTheJUnitSchemaCiSystemsRead()
    {
        var xml = JUnitReport.Write(await MixedReportAsync());

        var document = ParseValidated(xml);

        var suite = document.Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal("3", suite.Attribute("tests")!.Value);
        Assert.Equal(cases.Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("failures")!.Value);
        Assert.Equal(cases.Count(c => c.Element("error") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("errors")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("1", suite.Attribute("errors")!.Value);
        Assert.Equal(document.Root.Attribute("tests")!.Value, suite.Attribute("tests")!.Value);
    }

    [Fact]
    public async Task Write_FailedRun_CarriesTheProblemAndHowToInspectIt()
    {
        var report = await MixedReportAsync();

        var document = ParseValidated(JUnitReport.Write(report));

        var failed = document.Descendants("testcase").Single(c => c.Attribute("name")!.Value == "fails <&>");
        var failure = failed.Element("failure")!;
        Assert.Equal("contains", failure.Attribute("type")!.Value);
        Assert.StartsWith("the final output contains \"barley\": 'article'", failure.Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.Contains($"baton show {report.Results[1].RunId}", failure.Value, StringComparison.Ordinal);
        Assert.Contains("\uFFFD", failed.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Equal("article.topic", document.Descendants("testcase").First().Attribute("classname")!.Value);
        Assert.Equal("cases.jsonl", failed.Attribute("file")!.Value);
        var errored = document.Descendants("testcase").Single(c => c.Attribute("name")!.Value == "errs");
        Assert.Contains("judge error", errored.Element("error")!.Attribute("message")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Properties_HoldThePassRateAndTheWeakestHandoff()
    {
        var document = ParseValidated(JUnitReport.Write(await MixedReportAsync()));

        var properties = document.Descendants("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        Assert.Equal("0.3333", properties["pass_rate"]);
        Assert.Equal("false", properties["rehearsal"]);
        Assert.StartsWith("(start) → researcher: 0%", properties["weakest_handoff"], StringComparison.Ordinal);
    }
}
