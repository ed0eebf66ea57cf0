using System.Text.Json;
using Baton.Providers.Tests.Wire;

namespace Baton.Cli.Tests;

/// <summary>'baton eval' with a real pipeline model and a judge model, both OpenAI-compatible servers on 127.0.0.1.</summary>
public sealed class EvalJudgeTests
{
    private const string Research = """{"summary":"Drought cuts wheat yields.","key_facts":["Wheat is most sensitive during flowering."],"sources":["FAO 2021"]}""";

    private static ServerReply Answer(RecordedRequest request)
    {
        var body = request.Body;
        var text = body.Contains("fact-checker", StringComparison.Ordinal)
            ? """{"verdict":"fail","reason":"One claim is not in the research.","unsupported_claims":["Yields fell 40%."]}"""
            : body.Contains("You judge the output", StringComparison.Ordinal)
                ? body.Contains("is written in French", StringComparison.Ordinal) ? "I would say it is fine." : """{"verdict":"pass","reason":"It uses the research."}"""
                : body.Contains("research specialist", StringComparison.Ordinal) ? Research
                : body.Contains("You are an editor", StringComparison.Ordinal) ? "Drought cuts wheat yields. Yields fell 40%."
                : "Draft: drought cuts wheat yields.";
        return ServerReply.Json(OpenAIWire.Completion(text, 100, 20));
    }

    [Fact]
    public async Task Eval_WithJudgeModel_JudgesEveryKindJournalsTheJudgeAndReportsJudgeErrors()
    {
        await using var server = LoopbackServer.Start(Answer);
        using var cli = new CliHarness()
            .WithEnvironment("OPENAI_API_KEY", "sk-test-not-a-real-key")
            .WithEnvironment("OPENAI_BASE_URL", new Uri(server.BaseUrl, "v1").ToString());
        cli.Write("cases.jsonl", """
            {"id":"judged","task":"drought and wheat","expect":{"contains":"wheat","judge":"the article uses only facts from the research"}}
            {"id":"grounded","task":"drought and wheat","expect":{"grounded":true}}
            {"id":"not-a-verdict","task":"drought and wheat","expect":{"judge":"the article is written in French"}}
            """);

        var eval = await cli.RunAsync(
            "eval", "samples/01-sequential/pipeline.yaml", "--data", "cases.jsonl", "--model", "openai:gpt-test", "--judge-model", "openai:judge-test", "--json", "report.json", "--concurrency", "1");

        Assert.True(eval.ExitCode == 1, eval.ToString());
        Assert.Contains("judge model: openai:judge-test", eval.Out, StringComparison.Ordinal);
        Assert.Contains("article: 1/3 runs passed", eval.Out, StringComparison.Ordinal);
        Assert.Contains("FAILED grounded: the final output is grounded in the outputs it was made from: Grounded = false: One claim is not in the research. Unsupported: Yields fell 40%.", eval.Out, StringComparison.Ordinal);
        Assert.Contains("ERROR not-a-verdict: judge: \"the article is written in French\": Rubric: judge error: the judge's reply is not a verdict", eval.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-not-a-real-key", eval.Out + eval.Error, StringComparison.Ordinal);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "report.json"), TestContext.Current.CancellationToken));
        var judgeRun = report.RootElement.GetProperty("cases")[0].GetProperty("expectations").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "judge").GetProperty("judge_run_id").GetString()!;
        var show = await cli.RunAsync("show", judgeRun);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("orchestration 'eval-judge'", show.Out, StringComparison.Ordinal);
        Assert.Contains("RubricJudge", show.Out, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Body.Contains("\"model\":\"judge-test\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Eval_JudgeModelWithoutKey_IsAnInputErrorBeforeAnyRun()
    {
        using var cli = new CliHarness();

        var eval = await cli.RunAsync("eval", "samples/01-sequential/pipeline.yaml", "--data", "samples/01-sequential/eval/cases.jsonl", "--judge-model", "openai:gpt-4o");

        Assert.True(eval.ExitCode == 2, eval.ToString());
        Assert.Contains("error: --judge-model: the judge model 'openai:gpt-4o' cannot be used:", eval.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.StorePath));
    }
}
