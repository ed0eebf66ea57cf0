using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Orchestration;

public class SequentialPipelineTests
{
    [Fact]
    public async Task RunAsync_ThreeAgents_TaskIntentAndConstraintsReachAgentThree()
    {
        var (pipeline, client) = TestAgents.Chain("research", "writer", "editor");
        var context = HandoffContext.Create("climate change impacts on agriculture", "an article for the public", ["no jargon"]);

        var result = await new HandoffRunner().RunAsync(pipeline, context, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(3, client.CallCount);
        foreach (var request in client.Requests)
        {
            Assert.Contains("climate change impacts on agriculture", request.LastUserText, StringComparison.Ordinal);
            Assert.Contains("an article for the public", request.LastUserText, StringComparison.Ordinal);
            Assert.Contains("- no jargon", request.LastUserText, StringComparison.Ordinal);
        }

        Assert.Equal("output of editor", result.FinalText);
        Assert.Equal("editor", result.FinalOutput!.ProducedBy);
    }

    [Fact]
    public async Task RunAsync_GoalDrift_AgentFourOfChainStillSeesOriginalTaskAndIntent()
    {
        var (pipeline, client) = TestAgents.Chain("a1", "a2", "a3", "a4", "a5");
        var context = HandoffContext.Create("original request", "the one-line intent");

        await new HandoffRunner().RunAsync(pipeline, context, cancellationToken: TestContext.Current.CancellationToken);

        var fourth = client.Requests[3].LastUserText;
        Assert.Contains("## Task\noriginal request", fourth, StringComparison.Ordinal);
        Assert.Contains("## Intent\nthe one-line intent", fourth, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AgentReadsPreviousOutputOnly_NotRawScratchpad()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["researcher"] = ["SCRATCHPAD: which sources do I trust?\n```json\n{\"facts\":[\"f1\"]}\n```"],
            ["writer"] = ["draft text"],
            ["editor"] = ["final text"],
        });
        var pipeline = Pipeline.Sequential(
            "p",
            new Agent("researcher", client) { Writes = "research", OutputFormat = AgentOutputFormat.Json },
            new Agent("writer", client) { Writes = "draft" },
            new Agent("editor", client) { Writes = "article" });

        var result = await new HandoffRunner().RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        var writerPrompt = client.Requests[1].LastUserText;
        var editorPrompt = client.Requests[2].LastUserText;
        Assert.DoesNotContain("SCRATCHPAD", writerPrompt, StringComparison.Ordinal);
        Assert.Contains("{\"facts\":[\"f1\"]}", writerPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("facts", editorPrompt, StringComparison.Ordinal);
        Assert.Contains("draft text", editorPrompt, StringComparison.Ordinal);
        Assert.Equal("f1", result.Context.Outputs["research"].Value.GetProperty("facts")[0].GetString());
    }

    [Fact]
    public void Sequential_DuplicateAgentNames_ThrowsNamingAgentAndField()
    {
        var client = new ScriptedChatClient();

        var ex = Assert.Throws<OrchestrationConfigurationException>(() =>
            Pipeline.Sequential("p", new Agent("writer", client), new Agent("writer", client) { Writes = "other" }));

        Assert.Contains("'writer'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Agent.Name", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.CallCount);
    }

    [Fact]
    public void Sequential_ReadsOutputNobodyWrites_ThrowsNamingAgentFieldAndSuggestion()
    {
        var client = new ScriptedChatClient();

        var ex = Assert.Throws<OrchestrationConfigurationException>(() => Pipeline.Sequential(
            "p",
            new Agent("researcher", client) { Writes = "research" },
            new Agent("writer", client) { Reads = ["reserch"] }));

        Assert.Contains("Agent 'writer' reads output 'reserch' (Reads)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'research'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequential_ReadsOutputWrittenLater_SaysToMoveTheStep()
    {
        var client = new ScriptedChatClient();

        var ex = Assert.Throws<OrchestrationConfigurationException>(() => Pipeline.Sequential(
            "p",
            new Agent("writer", client) { Reads = ["research"] },
            new Agent("researcher", client) { Writes = "research" }));

        Assert.Contains("written only later, by 'researcher'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyTask_ThrowsBeforeAnyModelCall()
    {
        var (pipeline, client) = TestAgents.Chain("a", "b");

        await Assert.ThrowsAsync<ArgumentException>(() => new HandoffRunner().RunAsync(pipeline, " ", TestContext.Current.CancellationToken));

        Assert.Equal(0, client.CallCount);
    }

    [Fact]
    public async Task RunAsync_CancelledMidPipeline_EndsCancelledAndKeepsJournal()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var client = new ScriptedChatClient("first")
            .Then(async (_, ct) =>
            {
                await cts.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return new Microsoft.Extensions.AI.ChatResponse();
            });
        var pipeline = Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client), new Agent("c", client));
        var store = new InMemoryRunStore();
        var runner = new HandoffRunner(new HandoffRunnerOptions { Store = store });

        var result = await runner.RunAsync(pipeline, HandoffContext.Create("task"), cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Contains("cancelled", result.Reason, StringComparison.OrdinalIgnoreCase);
        var stored = await store.ReadAsync(result.RunId, TestContext.Current.CancellationToken);
        Assert.Equal(result.Journal.Count, stored.Count);
        Assert.IsType<RunEnded>(stored[^1]);
        Assert.Equal("a", result.FinalOutput!.ProducedBy);
        Assert.Equal(2, client.CallCount);
    }

    [Fact]
    public async Task RunAsync_AgentThrows_EndsFailedWithReasonAndJournal()
    {
        var client = new ScriptedChatClient("ok").ThenThrow(new InvalidOperationException("model exploded"));
        var pipeline = Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client));

        var result = await new HandoffRunner().RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("Agent 'b' failed at step 2", result.Reason, StringComparison.Ordinal);
        Assert.Contains("model exploded", result.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Journal, e => e is AgentFailed { Agent: "b" });
    }

    [Fact]
    public async Task RunAsync_JsonAgentRepliesWithoutJson_FailsWithReason()
    {
        var client = new ScriptedChatClient("no json here");
        var pipeline = Pipeline.Sequential("p", new Agent("a", client) { OutputFormat = AgentOutputFormat.Json, MaxReasks = 0 });

        var result = await new HandoffRunner().RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("no valid JSON", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.FinalOutput);
    }

    [Fact]
    public async Task RunAsync_StepLimit_EndsWithStepLimitReached()
    {
        var (pipeline, client) = TestAgents.Chain("a", "b", "c");
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new() { MaxSteps = 2 } });

        var result = await runner.RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.StepLimitReached, result.Status);
        Assert.Equal(2, client.CallCount);
        Assert.Equal("b", result.FinalOutput!.ProducedBy);
    }

    [Fact]
    public async Task RunAsync_DeadlinePassedBetweenSteps_EndsWithDeadlineExceeded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var client = new ScriptedChatClient(_ =>
        {
            time.Advance(TimeSpan.FromSeconds(40));
            return "x";
        });
        var pipeline = Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client), new Agent("c", client));
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time, Limits = new() { Deadline = TimeSpan.FromMinutes(1) } });

        var result = await runner.RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.DeadlineExceeded, result.Status);
        Assert.Equal(2, client.CallCount);
    }

    [Fact]
    public async Task RunAsync_TokenBudgetUsed_EndsWithBudgetExhausted()
    {
        var (pipeline, client) = TestAgents.Chain("a", "b", "c");
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new() { TokenBudget = 10 } });

        var result = await runner.RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.BudgetExhausted, result.Status);
        Assert.Equal(1, client.CallCount);
    }

    [Fact]
    public void Runner_InvalidLimits_ThrowsListingEachProblem()
    {
        var ex = Assert.Throws<OrchestrationConfigurationException>(() => new HandoffRunner(new HandoffRunnerOptions { Limits = new() { MaxSteps = 0, TokenBudget = -1 } }));

        Assert.Contains("MaxSteps", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TokenBudget", ex.Message, StringComparison.Ordinal);
    }
}
