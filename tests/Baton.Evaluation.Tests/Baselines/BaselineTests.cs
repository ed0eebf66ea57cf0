using Baton.Evaluation.Baselines;
using Baton.Evaluation.Reports;

namespace Baton.Evaluation.Tests.Baselines;

public sealed class BaselineTests
{
    private static async Task<EvalReport> EvaluateAsync(string jsonl, ArticlePipeline? pipeline = null, int repeat = 1) =>
        await (pipeline ?? new ArticlePipeline()).EvaluateAsync(jsonl, new EvalOptions { Repeat = repeat, Concurrency = 1 });

    private static RecordedEval Record(EvalReport report)
    {
        Assert.True(RecordedEval.TryParse(EvalJsonReport.Write(report), "old.json", out var recorded, out var error), error);
        return recorded;
    }

    [Fact]
    public async Task Compare_CaseByCase_ListsRegressionsFixesAndMembershipChanges()
    {
        var baseline = Record(await EvaluateAsync("""
            {"id":"stays-green","task":"t","expect":{"contains":"wheat"}}
            {"id":"regresses","task":"t","expect":{"contains":"wheat"}}
            {"id":"gets-fixed","task":"t","expect":{"contains":"barley"}}
            {"id":"stays-red","task":"t","expect":{"contains":"barley"}}
            {"id":"dropped","task":"t"}
            """));

        var current = await EvaluateAsync("""
            {"id":"stays-green","task":"t","expect":{"contains":"wheat"}}
            {"id":"regresses","task":"t","expect":{"contains":"barley"}}
            {"id":"gets-fixed","task":"t","expect":{"contains":"wheat"}}
            {"id":"stays-red","task":"t","expect":{"contains":"barley"}}
            {"id":"added","task":"t"}
            """);
        var diff = BaselineComparison.Compare(current, baseline);

        var regression = Assert.Single(diff.Regressions);
        Assert.Equal(("regresses", 1, 1, 0, 1), (regression.CaseId, regression.BaselinePassed, regression.BaselineRuns, regression.CurrentPassed, regression.CurrentRuns));
        Assert.Equal(current.Results[1].RunId, regression.FailingRunId);
        Assert.StartsWith("the final output contains \"barley\"", regression.Why, StringComparison.Ordinal);
        Assert.Equal("gets-fixed", Assert.Single(diff.Fixes).CaseId);
        Assert.Equal("stays-red", Assert.Single(diff.StillFailing).CaseId);
        Assert.Equal(["added"], diff.NewCases);
        Assert.Equal(["dropped"], diff.MissingCases);
        Assert.Equal(1, diff.Unchanged);
        Assert.True(diff.HasRegressions);
    }

    [Fact]
    public async Task Compare_NoRegression_HasNone()
    {
        var jsonl = """{"id":"a","task":"t","expect":{"contains":"wheat"}}""";

        var diff = BaselineComparison.Compare(await EvaluateAsync(jsonl), Record(await EvaluateAsync(jsonl)));

        Assert.False(diff.HasRegressions);
        Assert.Equal(1, diff.Unchanged);
    }

    [Fact]
    public async Task Compare_Repeats_ACaseThatPassedEveryTimeAndNowFailsOnce_Regresses()
    {
        var calls = 0;
        var flaky = new ArticlePipeline { Editor = _ => Interlocked.Increment(ref calls) == 2 ? "no" : "wheat" };
        var jsonl = """{"id":"a","task":"t","expect":{"contains":"wheat"}}""";

        var diff = BaselineComparison.Compare(await EvaluateAsync(jsonl, flaky, repeat: 3), Record(await EvaluateAsync(jsonl, repeat: 3)));

        var regression = Assert.Single(diff.Regressions);
        Assert.Equal((3, 3, 2, 3), (regression.BaselinePassed, regression.BaselineRuns, regression.CurrentPassed, regression.CurrentRuns));
    }

    [Theory]
    [InlineData("not json", "old.json:1: not valid JSON")]
    [InlineData("[]", "old.json: $.format: not a Baton evaluation report")]
    [InlineData("""{"format":"junit"}""", "old.json: $.format: not a Baton evaluation report")]
    [InlineData("""{"format":"baton-eval","schema_version":99,"cases":[]}""", "old.json: $.schema_version: this Baton reads evaluation reports of schema version 1 to 1.")]
    [InlineData("""{"format":"baton-eval","schema_version":1,"cases":{}}""", "old.json: $.cases: expected an array of runs.")]
    [InlineData("""{"format":"baton-eval","schema_version":1,"cases":[{"id":"a","status":"completed","outcome":"great"}]}""", "old.json: $.cases[0].outcome: 'great' is not one of passed, failed, error")]
    [InlineData("""{"format":"baton-eval","schema_version":1,"cases":[{"id":"a","status":"completed","outcome":"1"}]}""", "old.json: $.cases[0].outcome: '1' is not one of passed, failed, error")]
    [InlineData("""{"format":"baton-eval","schema_version":1,"cases":[{"status":"completed","outcome":"passed"}]}""", "old.json: $.cases[0].id: missing")]
    [InlineData("""{"format":"baton-eval","schema_version":1,"cases":[{"id":7,"status":"completed","outcome":"passed"}]}""", "old.json: $.cases[0].id: expected a string")]
    [InlineData("""{"format":"baton-eval","schema_version":1,"cases":[{"id":"a","repeat":0,"status":"completed","outcome":"passed"}]}""", "old.json: $.cases[0].repeat: expected a positive integer")]
    public void TryParse_HostileReport_SaysWhatIsWrongAndWhere(string json, string expected)
    {
        Assert.False(RecordedEval.TryParse(json, "old.json", out var recorded, out var error));

        Assert.Null(recorded);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DeeplyNestedJson_IsAnErrorNotAStackOverflow()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        Assert.False(RecordedEval.TryParse(json, "old.json", out _, out var error));
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_DevZero_IsRefused()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "/dev/zero exists only on Unix.");

        Assert.False(RecordedEval.TryLoad("/dev/zero", "old.json", out _, out var error));
        Assert.Contains("is not a regular file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryParse_OwnReport_RoundTripsRunsAndJudgeRuns()
    {
        var pipeline = new ArticlePipeline();
        var report = await pipeline.EvaluateAsync(
            """{"id":"a","task":"t","expect":{"judge":"x"}}""", new EvalOptions { JudgeClient = ArticlePipeline.Judge(_ => """{"verdict":"pass","reason":"ok"}"""), Repeat = 2 });

        var recorded = Record(report);

        Assert.Equal(2, recorded.Repeat);
        Assert.Equal(report.Results.Select(r => r.RunId), recorded.Runs.Select(r => r.RunId));
        Assert.Equal(report.Results[1].Expectations.Single(e => e.Kind == "judge").JudgeRunId, Assert.Single(recorded.Find("a", 2)!.JudgeRunIds));
        Assert.False(recorded.IsRehearsal);
    }
}
