using Baton.Agents;
using Baton.Context;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;

namespace Baton.Tests.Guards;

public class GuardedOrchestrationTests
{
    [Fact]
    public async Task RunAsync_SequentialHitsRunStepLimit_FixedAnswerIsResultAndStatusNamesGuard()
    {
        var (chain, client) = TestAgents.Chain("a", "b", "c");
        var guarded = Pipeline.WithFallback(chain, Fallback.FixedAnswer("Partial result: see the journal."));
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new RunLimits { MaxSteps = 2 } });

        var result = await runner.RunAsync(guarded, HandoffContext.Create("task"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.StepLimitReached, result.Status);
        Assert.Equal(2, client.CallCount);
        Assert.Equal("Partial result: see the journal.", result.FinalText);
        Assert.StartsWith("The run reached its limit of 2 steps.", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("RunLimits", result.Reason, StringComparison.Ordinal);
        var guard = Assert.Single(result.Journal.OfType<GuardTriggered>());
        Assert.Equal(("step_limit", "fixed_answer"), (guard.Guard.Value, guard.Fallback));
        Assert.Equal(LimitKind.RunMaxSteps, guard.Limit);
        Assert.Equal(LimitKind.RunMaxSteps, result.Journal.OfType<RunEnded>().Single().Limit);
    }

    [Fact]
    public async Task RunAsync_SequentialDefault_StepLimitEndsRunWithLastOutput()
    {
        var (chain, _) = TestAgents.Chain("a", "b", "c");
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new RunLimits { MaxSteps = 2 } });

        var result = await runner.RunAsync(chain, HandoffContext.Create("task"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.StepLimitReached, result.Status);
        Assert.Equal("output of b", result.FinalText);
    }

    [Fact]
    public async Task RunAsync_FallbackAgentAfterRunWideLimit_IsRefusedAndReasonSaysSo()
    {
        var (chain, client) = TestAgents.Chain("a", "b");
        var guarded = Pipeline.WithFallback(chain, Fallback.ToAgent(new Agent("rescuer", client)));
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new RunLimits { MaxSteps = 1 } });

        var result = await runner.RunAsync(guarded, HandoffContext.Create("task"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.StepLimitReached, result.Status);
        Assert.Contains("Fallback agent 'rescuer' did not answer", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, client.CallCount);
    }

    [Fact]
    public async Task RunAsync_CompletedOrFailed_FallbackNotApplied()
    {
        var client = new ScriptedChatClient("ok").ThenThrow(new InvalidOperationException("model down"));
        var guarded = Pipeline.WithFallback(Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client)), Fallback.FixedAnswer("x"));

        var result = await new HandoffRunner().RunAsync(guarded, "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Empty(result.Journal.OfType<GuardTriggered>());
    }
}
