using Baton.Agents;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Orchestration;

/// <summary>Resuming cancelled, failed and legacy runs.</summary>
public class ResumeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResumeAsync_RunCancelledDuringACall_ContinuesAndResendsOnlyThatCall()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time, Limits = new() { Deadline = TimeSpan.FromMinutes(1) } });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = new ScriptedChatClient("a done").Then((_, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return System.Threading.Tasks.Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "never")));
        });
        var cancelled = await runner.RunAsync(Chain(first), "task", cts.Token);
        time.Advance(TimeSpan.FromHours(1));
        var second = new ScriptedChatClient("b done");

        var resumed = await runner.ResumeAsync(Chain(second), cancelled.RunId, Ct);

        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.True(RunState.FromEvents(cancelled.Journal).IsResumable);
        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal("b done", resumed.FinalText);
        Assert.Equal(1, second.CallCount);
        var resume = Assert.Single(resumed.Journal.OfType<RunResumed>());
        Assert.True(resume.ResendsInFlightCall);
        Assert.Equal([RunStatus.Cancelled, RunStatus.Completed], resumed.Journal.OfType<RunEnded>().Select(e => e.Status));
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(await runner.Store.ReadAsync(cancelled.RunId, Ct)).Status);
    }

    [Fact]
    public async Task ResumeAsync_FailedRun_StaysEndedUnlessARetryIsForced()
    {
        var runner = new HandoffRunner();
        var failing = new ScriptedChatClient("a done").ThenThrow(new InvalidOperationException("model down"));
        var failed = await runner.RunAsync(Chain(failing), "task", Ct);
        var healthy = new ScriptedChatClient("b done");

        var notRetried = await runner.ResumeAsync(Chain(healthy), failed.RunId, Ct);
        var retried = await runner.ResumeAsync(Chain(healthy), failed.RunId, new ResumeOptions { RetryEnded = true }, Ct);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.False(RunState.FromEvents(failed.Journal).IsResumable);
        Assert.Equal(RunStatus.Failed, notRetried.Status);
        Assert.Equal(RunStatus.Completed, retried.Status);
        Assert.Equal("b done", retried.FinalText);
        Assert.Equal(1, healthy.CallCount);
        var resume = Assert.Single(retried.Journal.OfType<RunResumed>());
        Assert.NotNull(resume.RetriedFrom);
        var stored = await runner.Store.ReadAsync(failed.RunId, Ct);
        var state = RunState.FromEvents(stored);
        Assert.Equal(RunStatus.Completed, state.Status);
        Assert.Equal(2, state.StepCount);
        Assert.Equal(1, state.ModelCalls - 1);
        var step2 = StepProjection.FromJournal(stored).Find(2)!;
        Assert.Single(step2.Calls);
        Assert.False(step2.HasFailedCall);
    }

    [Fact]
    public async Task ResumeAsync_RetriedRun_ReplaysMatched()
    {
        var runner = new HandoffRunner();
        var failed = await runner.RunAsync(Chain(new ScriptedChatClient("a done").ThenThrow(new InvalidOperationException("model down"))), "task", Ct);
        await runner.ResumeAsync(Chain(new ScriptedChatClient("b done")), failed.RunId, new ResumeOptions { RetryEnded = true }, Ct);

        var replay = await runner.ReplayAsync(Chain(new ScriptedChatClient()), failed.RunId, Ct);

        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.Completed, replay.Status);
    }

    [Fact]
    public async Task ResumeAsync_RunStoppedByItsStepLimit_RetriesWithRaisedLimits()
    {
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new RunLimits { MaxSteps = 1 } });
        var stopped = await runner.RunAsync(Chain(new ScriptedChatClient("a done")), "task", Ct);

        var resumed = await runner.ResumeAsync(
            Chain(new ScriptedChatClient("b done")), stopped.RunId, new ResumeOptions { RetryEnded = true, Limits = new RunLimits { MaxSteps = 5 } }, Ct);

        Assert.Equal(RunStatus.StepLimitReached, stopped.Status);
        Assert.Equal(LimitKind.RunMaxSteps, RunState.FromEvents(stopped.Journal).Limit);
        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(5, Assert.Single(resumed.Journal.OfType<RunResumed>()).Limits!.MaxSteps);
    }

    [Fact]
    public async Task ResumeAsync_JournalRecordedBeforeStructuredOutputWasJournaled_ResumesWithoutResendingRecordedCalls()
    {
        var runner = new HandoffRunner();
        var full = await runner.RunAsync(Chain(new ScriptedChatClient("a done", "b done")), "task", Ct);

        // Cut after step 1 (a crash) and rewrite its calls as an earlier version wrote them: no structured_output,
        // another request hash (older prompt layout and options).
        var crashed = full.Journal
            .TakeWhile(e => e is not HandoffRecorded { Step: 2 })
            .Select(e => e is AgentCalled c ? c with { StructuredOutput = null, MaxOutputTokens = null, RequestHash = "v1-hash" } : e)
            .ToList();
        var store = new InMemoryRunStore();
        await store.AppendAsync(full.RunId, 0, crashed, Ct);
        var second = new ScriptedChatClient("b again");

        var resumed = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).ResumeAsync(Chain(second), full.RunId, Ct);

        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(1, second.CallCount);
        Assert.Equal("b again", resumed.FinalText);
    }

    private static SequentialPipeline Chain(IChatClient client) =>
        Pipeline.Sequential("chain", new Agent("a", client) { Instructions = "You are a." }, new Agent("b", client) { Instructions = "You are b." });
}
