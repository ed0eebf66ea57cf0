using Baton.Evaluation.Baselines;
using Baton.Evaluation.Expectations;
using Baton.Evaluation.Reports;
using Baton.Journal;
using Baton.Testing;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Evaluation.Tests;

public sealed class EvalRunnerTests
{
    private static string Cases(int count, string expect = "{}") =>
        string.Join("\n", Enumerable.Range(1, count).Select(i => $$"""{"id":"case-{{i}}","task":"topic {{i}}","expect":{{expect}}}"""));

    [Fact]
    public async Task RunAsync_Concurrency_NeverExceedsTheBoundAndReachesIt()
    {
        const int Bound = 3;
        var inFlight = 0;
        var peak = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = new ArticlePipeline();
        var cases = ArticlePipeline.Cases(Cases(10));
        var researcher = new ScriptedChatClient(async (_, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now == Bound)
            {
                gate.TrySetResult();
            }

            await gate.Task.WaitAsync(TestContext.Current.CancellationToken);
            Interlocked.Decrement(ref inFlight);
            return ArticlePipeline.Reply(ArticlePipeline.Research);
        });
        var orchestration = WithResearcher(pipeline, researcher);

        var report = await new EvalRunner(pipeline.Runner(), new EvalOptions { Concurrency = Bound }).RunAsync(orchestration, cases, TestContext.Current.CancellationToken);

        Assert.Equal(Bound, peak);
        Assert.Equal(10, report.Summary.Passed);
    }

    [Fact]
    public async Task RunAsync_EveryRun_IsJournaledInTheRunnersStore()
    {
        var pipeline = new ArticlePipeline();

        var report = await pipeline.EvaluateAsync(Cases(4));

        foreach (var result in report.Results)
        {
            var journal = await pipeline.Store.ReadAsync(result.RunId!, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Completed, RunState.FromEvents(journal).Status);
            Assert.Equal($"topic {result.Case.Id[5..]}", Assert.IsType<RunStarted>(journal[0]).Task);
        }

        Assert.Equal(["case-1", "case-2", "case-3", "case-4"], report.Results.Select(r => r.Case.Id));
    }

    [Fact]
    public async Task RunAsync_Repeat_RunsEachCaseKTimesAndGivesAWilsonInterval()
    {
        var calls = 0;
        var pipeline = new ArticlePipeline { Editor = _ => Interlocked.Increment(ref calls) % 3 == 0 ? "no" : "wheat" };

        var report = await pipeline.EvaluateAsync(Cases(2, """{"contains":"wheat"}"""), new EvalOptions { Repeat = 3, Concurrency = 1 });

        Assert.Equal(6, report.Summary.Runs);
        Assert.Equal(4, report.Summary.Passed);
        var interval = Assert.IsType<ProportionInterval>(report.Summary.PassRateInterval);
        Assert.Equal("wilson", interval.Method);
        Assert.InRange(report.Summary.PassRate, interval.Lower, interval.Upper);
        Assert.All(report.Summary.Cases, c => Assert.True(c.IsFlaky));
        Assert.Equal(["case-1#1", "case-1#2", "case-1#3", "case-2#1", "case-2#2", "case-2#3"], report.Results.Select(r => r.Label(3)));
    }

    [Fact]
    public async Task RunAsync_SingleRunPerCase_HasNoInterval()
    {
        var report = await new ArticlePipeline().EvaluateAsync(Cases(2));

        Assert.Null(report.Summary.PassRateInterval);
    }

    [Fact]
    public async Task RunAsync_Progress_IsReportedOncePerRunInCompletionOrder()
    {
        var seen = new List<EvalProgress>();
        var options = new EvalOptions { Concurrency = 4, OnRunCompleted = seen.Add };

        await new ArticlePipeline().EvaluateAsync(Cases(7), options);

        Assert.Equal(Enumerable.Range(1, 7), seen.Select(p => p.Completed));
        Assert.All(seen, p => Assert.Equal(7, p.Total));
        Assert.Equal(7, seen[^1].Passed);
    }

    [Fact]
    public async Task RunAsync_ThrowingProgressCallback_DoesNotBreakTheEvaluation()
    {
        var options = new EvalOptions { OnRunCompleted = _ => throw new InvalidOperationException("observer bug") };

        var report = await new ArticlePipeline().EvaluateAsync(Cases(3), options);

        Assert.Equal(3, report.Summary.Passed);
    }

    [Fact]
    public async Task Summary_Edges_ReadFromJournals_WeakestFirst()
    {
        var writerCalls = 0;
        var pipeline = new ArticlePipeline
        {
            WriterContract = OutputContract.FromSchema(System.Text.Json.JsonDocument.Parse("""{"type":"object","required":["draft"]}""").RootElement),
            // Every other case: the writer's first reply breaks its contract and it is asked again.
            Writer = _ => Interlocked.Increment(ref writerCalls) % 3 == 1 ? "not json" : """{"draft":"Drought cuts wheat yields."}""",
        };

        var report = await pipeline.EvaluateAsync(Cases(4), new EvalOptions { Concurrency = 1 });

        var edges = report.Summary.Edges;
        Assert.Equal("researcher → writer", edges[0].Label);
        Assert.Equal(4, edges[0].Handoffs);
        Assert.Equal(0.5, edges[0].ValidationFailureRate);
        Assert.Equal(0.5, edges[0].ReaskRate);
        Assert.Equal(0, edges[0].FallbackRate);
        Assert.Equal(0.5, edges[0].TroubleRate);
        Assert.Equal(3, edges.Count);
        Assert.All(edges.Skip(1), e => Assert.Equal(0, e.TroubleRate));
        var writer = Assert.Single(report.Summary.Agents, a => a.Agent == "writer");
        Assert.Equal(6, writer.Calls);
        Assert.Equal(2, writer.Reasks);
    }

    [Fact]
    public async Task Summary_Edges_CountFallbacksAndCompression()
    {
        var pipeline = new ArticlePipeline
        {
            WriterContract = OutputContract.FromSchema(System.Text.Json.JsonDocument.Parse("""{"type":"object","required":["draft"]}""").RootElement),
            Writer = _ => "never json",
            WriterMaxReasks = 0,
            WriterFallback = Baton.Fallback.FixedAnswer(System.Text.Json.JsonDocument.Parse("""{"draft":"A fixed draft that is long enough to need compressing when the editor has a tiny budget of tokens."}""").RootElement),
            EditorContextBudget = 60,
        };

        var report = await pipeline.EvaluateAsync(Cases(2));

        var writerEdge = Assert.Single(report.Summary.Edges, e => e.To == "writer");
        Assert.Equal(1, writerEdge.FallbackRate);
        Assert.Equal(1, writerEdge.ValidationFailureRate);
        var editorEdge = Assert.Single(report.Summary.Edges, e => e.To == "editor");
        Assert.Equal(1, editorEdge.CompressionRate);
        Assert.Equal(writerEdge, report.Summary.Edges[0]);
    }

    [Fact]
    public async Task Steps_AreTheCoreStepProjectionOfEachRun()
    {
        var pipeline = new ArticlePipeline
        {
            WriterContract = OutputContract.FromSchema(System.Text.Json.JsonDocument.Parse("""{"type":"object","required":["draft"]}""").RootElement),
            Writer = _ => "never json",
            WriterMaxReasks = 1,
            WriterFallback = Baton.Fallback.FixedAnswer(System.Text.Json.JsonDocument.Parse("""{"draft":"A fixed draft."}""").RootElement),
        };

        var report = await pipeline.EvaluateAsync(Cases(1));

        var result = Assert.Single(report.Results);
        var projection = StepProjection.FromJournal(await pipeline.Store.ReadAsync(result.RunId!, TestContext.Current.CancellationToken));
        Assert.Equal(
            projection.Steps.Select(s => (s.Step, s.From, s.Agent, s.Calls.Count, s.Reasks, s.ValidationFailures, s.Fallbacks, s.InputTokens, s.OutputTokens)),
            result.Steps.Select(s => (s.Step, s.From, s.Agent, s.Calls, s.Reasks, s.ValidationFailures, s.Fallbacks, s.InputTokens, s.OutputTokens)));
        var writer = Assert.Single(result.Steps, s => s.Agent == "writer");
        Assert.Equal((2, 1, 2, 1), (writer.Calls, writer.Reasks, writer.ValidationFailures, writer.Fallbacks));
    }

    [Fact]
    public async Task Summary_TokensAndLatency_ArePerRunAndPerAgent()
    {
        var report = await new ArticlePipeline().EvaluateAsync(Cases(3));

        Assert.Equal(3, report.Summary.Tokens.Count);
        Assert.True(report.Summary.Tokens.P50 > 0);
        Assert.Equal(["researcher", "writer", "editor"], report.Summary.Agents.Select(a => a.Agent));
        Assert.All(report.Summary.Agents, a => Assert.Equal(3, a.Tokens.Count));
        Assert.Equal(report.Results.Sum(r => r.TotalTokens), report.Results.SelectMany(r => r.Steps).Sum(s => s.TotalTokens));
    }

    [Fact]
    public async Task Replay_ReScoresRecordedRunsWithChangedExpectationsWithoutCallingAModel()
    {
        var pipeline = new ArticlePipeline();
        var first = await pipeline.EvaluateAsync(Cases(3, """{"contains":"wheat"}"""));
        Assert.True(RecordedEval.TryParse(EvalJsonReport.Write(first), "old.json", out var recorded, out var error), error);
        var runsBefore = (await pipeline.Store.ListRunsAsync(cancellationToken: TestContext.Current.CancellationToken)).Count;

        var changed = ArticlePipeline.Cases(Cases(3, """{"contains":"barley"}"""));
        var replayed = await new EvalRunner(pipeline.Runner(), new EvalOptions { Replay = recorded }).RunAsync(WithResearcher(pipeline, new ScriptedChatClient()), changed, TestContext.Current.CancellationToken);

        Assert.True(replayed.IsReplay);
        Assert.All(replayed.Results, r => Assert.Equal(CaseOutcome.Failed, r.Outcome));
        Assert.Equal(first.Results.Select(r => r.RunId), replayed.Results.Select(r => r.RunId));
        Assert.Equal(runsBefore, (await pipeline.Store.ListRunsAsync(cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task Replay_UnchangedJudgeRequest_IsAnsweredFromTheRecordedJudgeRun()
    {
        var pipeline = new ArticlePipeline();
        var liveJudge = ArticlePipeline.Judge(_ => """{"verdict":"fail","reason":"recorded verdict"}""");
        var first = await pipeline.EvaluateAsync(Cases(1, """{"judge":"uses only the research"}"""), new EvalOptions { JudgeClient = liveJudge });
        Assert.True(RecordedEval.TryParse(EvalJsonReport.Write(first), "old.json", out var recorded, out _));

        var options = new EvalOptions { Replay = recorded };
        var replayed = await new EvalRunner(pipeline.Runner(), options).RunAsync(pipeline.Build(), ArticlePipeline.Cases(Cases(1, """{"judge":"uses only the research"}""")), TestContext.Current.CancellationToken);
        var changedRubric = await new EvalRunner(pipeline.Runner(), options).RunAsync(pipeline.Build(), ArticlePipeline.Cases(Cases(1, """{"judge":"is short"}""")), TestContext.Current.CancellationToken);

        var judged = Assert.Single(replayed.Results[0].Expectations, e => e.Kind == "judge");
        Assert.Equal(ExpectationOutcome.Failed, judged.Outcome);
        Assert.Contains("recorded verdict", judged.Message, StringComparison.Ordinal);
        Assert.Equal(first.Results[0].Expectations.Single(e => e.Kind == "judge").JudgeRunId, judged.JudgeRunId);
        Assert.Single(liveJudge.Requests);
        var notJudged = Assert.Single(changedRubric.Results[0].Expectations, e => e.Kind == "judge");
        Assert.Equal(ExpectationOutcome.NotEvaluated, notJudged.Outcome);
        Assert.Contains("differs from the recording", notJudged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CaseNotInTheRecording_IsAnError()
    {
        var pipeline = new ArticlePipeline();
        var first = await pipeline.EvaluateAsync(Cases(1));
        Assert.True(RecordedEval.TryParse(EvalJsonReport.Write(first), "old.json", out var recorded, out _));

        var replayed = await new EvalRunner(pipeline.Runner(), new EvalOptions { Replay = recorded }).RunAsync(pipeline.Build(), ArticlePipeline.Cases(Cases(2)), TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.Passed, replayed.Results[0].Outcome);
        Assert.Equal(CaseOutcome.Error, replayed.Results[1].Outcome);
        Assert.Contains("old.json has no run of case 'case-2'", replayed.Results[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DuplicateIds_AreRefused()
    {
        var pipeline = new ArticlePipeline();
        var one = ArticlePipeline.Cases(Cases(1))[0];

        await Assert.ThrowsAsync<ArgumentException>(() => new EvalRunner(pipeline.Runner()).RunAsync(pipeline.Build(), [one, one], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedWithEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new EvalRunner(new ArticlePipeline().Runner(), new EvalOptions { Concurrency = 0, Repeat = 0 }));

        Assert.Contains("Concurrency is 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Repeat is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsAndKeepsTheJournalsOfRunsThatStarted()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var pipeline = new ArticlePipeline();
        var researcher = new ScriptedChatClient(async (_, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return ArticlePipeline.Reply("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new EvalRunner(pipeline.Runner(), new EvalOptions { Concurrency = 1 }).RunAsync(WithResearcher(pipeline, researcher), ArticlePipeline.Cases(Cases(5)), cancel.Token));

        var runs = await pipeline.Store.ListRunsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var run = Assert.Single(runs);
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    private static Orchestration.Orchestration WithResearcher(ArticlePipeline pipeline, IChatClient researcher)
    {
        var built = pipeline.Build();
        var agents = built.Agents.ToList();
        var replaced = new Baton.Agents.Agent("researcher", researcher)
        {
            Instructions = agents[0].Instructions,
            Writes = agents[0].Writes,
            OutputFormat = agents[0].OutputFormat,
            Contract = agents[0].Contract,
        };
        return Orchestration.Pipeline.Sequential("article", replaced, agents[1], agents[2]);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
