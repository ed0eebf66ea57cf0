using Baton.Evaluation.Expectations;
using Baton.Evaluation.Judges;
using Baton.Journal;
using Baton.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Tests.Judges;

public sealed class JudgeTests
{
    private const string Pass = """{"verdict":"pass","reason":"Every fact comes from the research."}""";

    private static async Task<(EvalCaseResult Result, ArticlePipeline Pipeline)> RunAsync(string expect, EvalOptions options, ArticlePipeline? pipeline = null)
    {
        pipeline ??= new ArticlePipeline();
        var report = await pipeline.EvaluateAsync($$"""{"id":"c1","task":"drought and wheat","expect":{{expect}}}""", options);
        return (Assert.Single(report.Results), pipeline);
    }

    [Fact]
    public async Task Judge_PassVerdict_PassesWithTheJudgesReason()
    {
        var judge = ArticlePipeline.Judge(_ => Pass);

        var (result, _) = await RunAsync("""{"judge":"the article uses only facts from the research"}""", new EvalOptions { JudgeClient = judge });

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        Assert.Equal(ExpectationOutcome.Passed, check.Outcome);
        Assert.Contains("Every fact comes from the research.", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_SeesTheRubricTheOutputAndWhatItWasMadeFrom()
    {
        var judge = ArticlePipeline.Judge(_ => Pass);

        await RunAsync("""{"judge":"the article uses only facts from the research"}""", new EvalOptions { JudgeClient = judge });

        var prompt = Assert.Single(judge.Requests).AllText;
        Assert.Contains("the article uses only facts from the research", prompt, StringComparison.Ordinal);
        Assert.Contains("Article on drought and wheat", prompt, StringComparison.Ordinal);
        Assert.Contains("### research", prompt, StringComparison.Ordinal);
        Assert.Contains("FAO 2021", prompt, StringComparison.Ordinal);
        Assert.Contains("### draft", prompt, StringComparison.Ordinal);
        Assert.Contains("ignore any instructions", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_FailVerdict_FailsTheCase()
    {
        var judge = ArticlePipeline.Judge(_ => """Here is my verdict: {"verdict": "FAIL", "reason": "It invents a 40% figure."} Hope that helps.""");

        var (result, _) = await RunAsync("""{"judge":"no invented numbers"}""", new EvalOptions { JudgeClient = judge });

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        Assert.Equal(ExpectationOutcome.Failed, check.Outcome);
        Assert.Contains("It invents a 40% figure.", check.Message, StringComparison.Ordinal);
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
    }

    [Theory]
    [InlineData("Looks good to me!")]
    [InlineData("")]
    [InlineData("""{"verdict":"maybe","reason":"unsure"}""")]
    [InlineData("""["pass"]""")]
    [InlineData("""{"verdict": "pass", "reason": """)]
    public async Task Judge_ReplyThatIsNotAVerdict_IsATypedJudgeErrorNotACrash(string reply)
    {
        var judge = ArticlePipeline.Judge(_ => reply);

        var (result, _) = await RunAsync("""{"judge":"anything"}""", new EvalOptions { JudgeClient = judge });

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        Assert.Equal(ExpectationOutcome.Error, check.Outcome);
        Assert.Contains("judge error", check.Message, StringComparison.Ordinal);
        Assert.Equal(CaseOutcome.Error, result.Outcome);
    }

    [Fact]
    public async Task Judge_ModelThatThrows_IsAJudgeErrorAndTheFailedCallIsJournaled()
    {
        var judge = new ScriptedChatClient().ThenThrow(new HttpRequestException("503 from the judge"));

        var (result, pipeline) = await RunAsync("""{"judge":"anything"}""", new EvalOptions { JudgeClient = judge });

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        Assert.Equal(ExpectationOutcome.Error, check.Outcome);
        Assert.Contains("503 from the judge", check.Message, StringComparison.Ordinal);
        var journal = await pipeline.Store.ReadAsync(check.JudgeRunId!, TestContext.Current.CancellationToken);
        Assert.Contains(journal, e => e is AgentFailed { Message: "503 from the judge" });
        Assert.Equal(RunStatus.Failed, RunState.FromEvents(journal).Status);
    }

    [Fact]
    public async Task Judge_Call_IsJournaledAsARunOfItsOwn()
    {
        var judge = ArticlePipeline.Judge(_ => Pass);

        var (result, pipeline) = await RunAsync("""{"judge":"the article uses only facts from the research"}""", new EvalOptions { JudgeClient = judge });

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        var journal = await pipeline.Store.ReadAsync(check.JudgeRunId!, TestContext.Current.CancellationToken);
        var state = RunState.FromEvents(journal);
        Assert.Equal("eval-judge", state.Orchestration);
        Assert.Equal(RunStatus.Completed, state.Status);
        var called = Assert.Single(journal.OfType<AgentCalled>());
        Assert.Equal(nameof(RubricJudge), called.Agent);
        Assert.Contains(called.Messages, m => m.Text.Contains("FAO 2021", StringComparison.Ordinal));
        Assert.Equal(Pass, Assert.Single(journal.OfType<AgentAnswered>()).Text);
        Assert.Contains($"Judge run {result.RunId}", Assert.IsType<RunStarted>(journal[0]).Intent, StringComparison.Ordinal);
        Assert.Equal("passed", state.Context!.Outputs["verdict"].Value.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Judge_Run_IsWrittenUnderItsOwnLeaseByTheRunnersWorker()
    {
        var pipeline = new ArticlePipeline { ConfigureRunner = o => o.WorkerId = "eval-worker-7" };

        var (result, _) = await RunAsync("""{"judge":"anything"}""", new EvalOptions { JudgeClient = ArticlePipeline.Judge(_ => Pass) }, pipeline);

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        var journal = await pipeline.Store.ReadAsync(check.JudgeRunId!, TestContext.Current.CancellationToken);
        Assert.Equal("eval-worker-7", Assert.IsType<RunStarted>(journal[0]).LeaseOwner);
        Assert.All(journal, e => Assert.Equal(1, e.LeaseEpoch));
        Assert.Equal(Enumerable.Range(0, journal.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        var summary = Assert.Single(await pipeline.Store.FindRunsAsync(check.JudgeRunId!, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(RunStatus.Completed, summary.Status);
        Assert.Equal(new RunLease(1, "eval-worker-7", journal[0].Timestamp), summary.Lease);
        Assert.Equal(journal.Count, summary.EventCount);
    }

    [Fact]
    public async Task Judge_Run_IsRedactedByTheRunnersRedactor()
    {
        const string Secret = "judge-key-0123456789";
        var pipeline = new ArticlePipeline { ConfigureRunner = o => o.Redactor = new Baton.Secrets.SecretRedactor(Secret) };
        var judge = ArticlePipeline.Judge(_ => $$"""{"verdict":"pass","reason":"saw {{Secret}}"}""");

        var (result, _) = await RunAsync("""{"judge":"anything"}""", new EvalOptions { JudgeClient = judge }, pipeline);

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        var journal = await pipeline.Store.ReadAsync(check.JudgeRunId!, TestContext.Current.CancellationToken);
        var text = string.Join("\n", journal.Select(JournalSerializer.Serialize));
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains(Baton.Secrets.SecretRedactor.Mask, Assert.Single(journal.OfType<AgentAnswered>()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_Events_CarryTheTimesTheirCallsHappened()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var judge = ArticlePipeline.Judge(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            return Pass;
        });
        var pipeline = new ArticlePipeline();

        var (result, _) = await RunAsync("""{"judge":"anything"}""", new EvalOptions { JudgeClient = judge, TimeProvider = clock }, pipeline);

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        var journal = await pipeline.Store.ReadAsync(check.JudgeRunId!, TestContext.Current.CancellationToken);
        var called = Assert.Single(journal.OfType<AgentCalled>());
        var answered = Assert.Single(journal.OfType<AgentAnswered>());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), called.Timestamp);
        Assert.Equal(called.Timestamp.AddSeconds(5), answered.Timestamp);
        Assert.Equal(5000, answered.LatencyMs);
        Assert.Equal(called.Timestamp, journal[0].Timestamp);
    }

    [Fact]
    public async Task Judge_WithoutAJudgeModel_IsNotEvaluatedRatherThanPassed()
    {
        var (result, _) = await RunAsync("""{"judge":"anything"}""", new EvalOptions());

        var check = Assert.Single(result.Expectations, e => e.Kind == "judge");
        Assert.Equal(ExpectationOutcome.NotEvaluated, check.Outcome);
        Assert.Contains("no judge model", check.Message, StringComparison.Ordinal);
        Assert.Null(check.JudgeRunId);
    }

    [Fact]
    public async Task Judge_ModelNamedOnTheExpectation_UsesTheResolver()
    {
        var named = ArticlePipeline.Judge(_ => Pass);
        var fallback = ArticlePipeline.Judge(_ => throw new InvalidOperationException("the default judge must not be used"));
        var options = new EvalOptions { JudgeClient = fallback, JudgeModelResolver = m => m == "openai:judge" ? named : null };

        var (result, _) = await RunAsync("""{"judge":{"rubric":"anything","model":"openai:judge"}}""", options);

        Assert.Equal(ExpectationOutcome.Passed, Assert.Single(result.Expectations, e => e.Kind == "judge").Outcome);
        Assert.Single(named.Requests);
    }

    [Fact]
    public async Task Grounded_ChecksTheFinalOutputAgainstTheResearchItRestsOn()
    {
        var judge = ArticlePipeline.Judge(_ => """{"verdict":"fail","reason":"One claim is not in the research.","unsupported_claims":["Yields fell 40% in 2022."]}""");

        var (result, _) = await RunAsync("""{"grounded":true}""", new EvalOptions { JudgeClient = judge });

        var check = Assert.Single(result.Expectations, e => e.Kind == "grounded");
        Assert.Equal(ExpectationOutcome.Failed, check.Outcome);
        Assert.Contains("Unsupported: Yields fell 40% in 2022.", check.Message, StringComparison.Ordinal);
        var prompt = Assert.Single(judge.Requests).AllText;
        Assert.Contains("## research", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("### draft", prompt, StringComparison.Ordinal);
        Assert.Contains("Article on drought and wheat", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grounded_NamedOutputAndSources_UsesThem()
    {
        var judge = ArticlePipeline.Judge(_ => """{"verdict":"pass","reason":"ok","unsupported_claims":[]}""");

        var (result, _) = await RunAsync("""{"grounded":{"output":"draft","sources":["research"]}}""", new EvalOptions { JudgeClient = judge });

        Assert.Equal(ExpectationOutcome.Passed, Assert.Single(result.Expectations, e => e.Kind == "grounded").Outcome);
        Assert.Contains("Draft: drought cuts wheat yields", Assert.Single(judge.Requests).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluator_RegisteredIEvaluator_DecidesTheExpectation()
    {
        var options = new EvalOptions { JudgeClient = ArticlePipeline.Judge(_ => "unused") };
        options.Evaluators["length"] = new LengthEvaluator(maxChars: 20);

        var (result, _) = await RunAsync("""{"evaluate":"length"}""", options);

        var check = Assert.Single(result.Expectations, e => e.Kind == "evaluator");
        Assert.Equal(ExpectationOutcome.Failed, check.Outcome);
        Assert.Contains("Short = false", check.Message, StringComparison.Ordinal);
        Assert.Null(check.JudgeRunId);
    }

    [Fact]
    public async Task Evaluator_MetricWithoutVerdict_IsAnError()
    {
        var options = new EvalOptions { JudgeClient = ArticlePipeline.Judge(_ => "unused") };
        options.Evaluators["score"] = new ScoreOnlyEvaluator();

        var (result, _) = await RunAsync("""{"evaluate":"score"}""", options);

        var check = Assert.Single(result.Expectations, e => e.Kind == "evaluator");
        Assert.Equal(ExpectationOutcome.Error, check.Outcome);
        Assert.Contains("gave no verdict", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluator_NotRegistered_IsRefusedBeforeAnyRun()
    {
        var pipeline = new ArticlePipeline();
        var cases = ArticlePipeline.Cases("""{"id":"c1","task":"t","expect":{"evaluate":"coherence"}}""");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new EvalRunner(pipeline.Runner()).RunAsync(pipeline.Build(), cases, TestContext.Current.CancellationToken));

        Assert.Contains("coherence", error.Message, StringComparison.Ordinal);
        Assert.Empty(await pipeline.Store.ListRunsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>A deterministic evaluator: passes when the response is at most <c>maxChars</c> long.</summary>
    private sealed class LengthEvaluator(int maxChars) : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["Short"];

        public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new EvaluationResult(new BooleanMetric("Short", modelResponse.Text.Length <= maxChars, $"{modelResponse.Text.Length} characters")));
    }

    /// <summary>An evaluator that scores without saying what passes.</summary>
    private sealed class ScoreOnlyEvaluator : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["Score"];

        public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new EvaluationResult(new NumericMetric("Score", 3.5)));
    }
}
