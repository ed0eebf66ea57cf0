using System.Text.Json;

namespace Baton.Cli.Tests;

public sealed class EvalCommandTests
{
    private const string Spec = "samples/01-sequential/pipeline.yaml";
    private const string Cheap = """
        {"id":"a","task":"drought and wheat","expect":{"max_tokens":100000}}
        {"id":"b","task":"floods and rice","expect":{"max_tokens":100000}}
        """;

    private const string TooTight = """
        {"id":"a","task":"drought and wheat","expect":{"max_tokens":1}}
        {"id":"b","task":"floods and rice","expect":{"max_tokens":100000}}
        """;

    private static async Task<int> RunCountAsync(CliHarness cli)
    {
        var runs = await cli.RunAsync("runs", "--json");
        using var document = JsonDocument.Parse(runs.Out);
        return document.RootElement.GetArrayLength();
    }

    [Fact]
    public async Task Eval_Sample01InRehearsal_PassesJournalsEveryRunAndWritesTheReports()
    {
        using var cli = new CliHarness();

        var eval = await cli.RunAsync("eval", Spec, "--data", "samples/01-sequential/eval/cases.jsonl", "-o", "out/report.html", "--json", "out/report.json", "--junit", "out/junit.xml");

        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Contains("REHEARSAL", eval.Out, StringComparison.Ordinal);
        Assert.Contains("judge model: none", eval.Out, StringComparison.Ordinal);
        Assert.Contains("article: 20/20 runs passed (100%)", eval.Out, StringComparison.Ordinal);
        Assert.Contains("[20/20] passed", eval.Out, StringComparison.Ordinal);
        Assert.Contains("statuses: completed 19, rejected 1", eval.Out, StringComparison.Ordinal);
        Assert.Contains("not evaluated (9): judge: rehearsal", eval.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "out", "report.json"), TestContext.Current.CancellationToken));
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(20, cases.Count);
        Assert.True(json.RootElement.GetProperty("rehearsal").GetBoolean());
        var runIds = cases.Select(c => c.GetProperty("run_id")).Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList();
        Assert.Equal(19, runIds.Count);
        Assert.Equal(19, await RunCountAsync(cli));
        var show = await cli.RunAsync("show", runIds[0]);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "out", "report.html")));
        Assert.Contains("<testsuite name=\"article\" tests=\"20\" failures=\"0\" errors=\"0\"", await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "out", "junit.xml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_CsvDataSet_Runs()
    {
        using var cli = new CliHarness();

        var eval = await cli.RunAsync("eval", Spec, "--data", "samples/01-sequential/eval/cases.csv", "--concurrency", "1");

        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Contains("article: 3/3 runs passed", eval.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_BadDataSet_ListsEveryProblemAsFileLineAndRunsNothing()
    {
        using var cli = new CliHarness();
        cli.Write("bad.jsonl", "{\"task\":\"ok\"}\n{\"task\":\"x\",\"expect\":{\"max_steps\":0}}\nnot json\n");

        var eval = await cli.RunAsync("eval", Spec, "--data", "bad.jsonl");

        Assert.Equal(2, eval.ExitCode);
        Assert.Contains("bad.jsonl:2: error: expect.max_steps: expected a positive integer, found 0", eval.Error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: error: not valid JSON", eval.Error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl: 2 problems; nothing was run.", eval.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", eval.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.StorePath));
    }

    [Fact]
    public async Task Eval_BaselineWithARegression_ExitsOneAndListsIt()
    {
        using var cli = new CliHarness();
        cli.Write("cheap.jsonl", Cheap);
        cli.Write("tight.jsonl", TooTight);
        var before = await cli.RunAsync("eval", Spec, "--data", "cheap.jsonl", "--json", "old.json");
        Assert.True(before.ExitCode == 0, before.ToString());

        var after = await cli.RunAsync("eval", Spec, "--data", "tight.jsonl", "--baseline", "old.json", "--json", "new.json");

        Assert.True(after.ExitCode == 1, after.ToString());
        Assert.Contains("compared with old.json: 1 regression(s), 0 fix(es)", after.Out, StringComparison.Ordinal);
        Assert.Contains("REGRESSION a: passed 1/1 before, 0/1 now: at most 1 tokens", after.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "new.json"), TestContext.Current.CancellationToken));
        Assert.Equal("a", json.RootElement.GetProperty("baseline").GetProperty("regressions")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Eval_BaselineWithOnlyAFix_ExitsZeroEvenIfOtherCasesStillFail()
    {
        using var cli = new CliHarness();
        cli.Write("cheap.jsonl", Cheap);
        cli.Write("tight.jsonl", TooTight);
        await cli.RunAsync("eval", Spec, "--data", "tight.jsonl", "--json", "old.json");

        var after = await cli.RunAsync("eval", Spec, "--data", "cheap.jsonl", "--baseline", "old.json");

        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("FIXED a", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_WithoutBaseline_AFailedRunExitsOne()
    {
        using var cli = new CliHarness();
        cli.Write("tight.jsonl", TooTight);

        var eval = await cli.RunAsync("eval", Spec, "--data", "tight.jsonl");

        Assert.True(eval.ExitCode == 1, eval.ToString());
        Assert.Contains("FAILED a: at most 1 tokens", eval.Out, StringComparison.Ordinal);
        Assert.Contains("(baton show ", eval.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_Replay_ReScoresRecordedRunsWithoutStartingNewOnes()
    {
        using var cli = new CliHarness();
        cli.Write("cheap.jsonl", Cheap);
        cli.Write("tight.jsonl", TooTight);
        await cli.RunAsync("eval", Spec, "--data", "cheap.jsonl", "--json", "old.json");
        var runs = await RunCountAsync(cli);

        var replay = await cli.RunAsync("eval", Spec, "--data", "tight.jsonl", "--replay", "old.json");

        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.Contains("REPLAY: re-scoring the 2 runs recorded in old.json", replay.Out, StringComparison.Ordinal);
        Assert.Contains("re-scored from recorded runs, no model called", replay.Out, StringComparison.Ordinal);
        Assert.Contains("FAILED a: at most 1 tokens", replay.Out, StringComparison.Ordinal);
        Assert.Equal(runs, await RunCountAsync(cli));
    }

    [Fact]
    public async Task Eval_HtmlReport_LinksEachFailedRunToItsTracePage()
    {
        using var cli = new CliHarness();
        cli.Write("tight.jsonl", TooTight);

        var eval = await cli.RunAsync("eval", Spec, "--data", "tight.jsonl", "-o", "out/report.html", "--json", "out/report.json");

        Assert.Equal(1, eval.ExitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "out", "report.json"), TestContext.Current.CancellationToken));
        var failed = json.RootElement.GetProperty("cases")[0].GetProperty("run_id").GetString()!;
        var passed = json.RootElement.GetProperty("cases")[1].GetProperty("run_id").GetString()!;
        var html = await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "out", "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains($"<a href=\"report-traces/trace-{failed}.html\">", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "out", "report-traces", $"trace-{failed}.html")));
        Assert.False(File.Exists(Path.Combine(cli.WorkingDirectory, "out", "report-traces", $"trace-{passed}.html")));
    }

    [Theory]
    [InlineData("--concurrency", "0", "error: --concurrency: 0 is out of range; use 1 to 1024.")]
    [InlineData("--repeat", "1001", "error: --repeat: 1001 is out of range; use 1 to 1000.")]
    [InlineData("--judge-model", "nope:x", "error: --judge-model: ")]
    [InlineData("--tag", "missing", "error: --tag: no case of samples/01-sequential/eval/cases.jsonl has tag missing; its tags: edge, injection, long, markup, non-english, topic, unicode.")]
    [InlineData("--baseline", "samples/01-sequential/pipeline.yaml", "error: --baseline: samples/01-sequential/pipeline.yaml:1: not valid JSON")]
    [InlineData("--baseline", "nowhere.json", "error: --baseline: nowhere.json does not exist.")]
    public async Task Eval_BadOption_ExitsTwoWithOneLine(string option, string value, string expected)
    {
        using var cli = new CliHarness();

        var eval = await cli.RunAsync("eval", Spec, "--data", "samples/01-sequential/eval/cases.jsonl", option, value);

        Assert.True(eval.ExitCode == 2, eval.ToString());
        Assert.Contains(expected, eval.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", eval.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ReplayWithModel_IsRefused()
    {
        using var cli = new CliHarness();

        var eval = await cli.RunAsync("eval", Spec, "--data", "samples/01-sequential/eval/cases.jsonl", "--replay", "old.json", "--model", "rehearsal");

        Assert.Equal(2, eval.ExitCode);
        Assert.Contains("--replay re-scores recorded runs without calling a model", eval.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_TagFilter_RunsOnlyTaggedCases()
    {
        using var cli = new CliHarness();

        var eval = await cli.RunAsync("eval", Spec, "--data", "samples/01-sequential/eval/cases.jsonl", "--tag", "injection");

        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Contains("article: 2/2 runs passed", eval.Out, StringComparison.Ordinal);
    }
}
