using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Journal;

public class JournalTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_FakeTime_EventsAreOrderedAndStampedByTimeProvider()
    {
        var time = new FakeTimeProvider(s_start);
        var client = new ScriptedChatClient(_ =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return "reply";
        });
        var pipeline = Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client));
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });

        var result = await runner.RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        Assert.Equal(
            ["run_started", "handoff", "agent_called", "agent_answered", "output_recorded", "handoff", "agent_called", "agent_answered", "output_recorded", "run_ended"],
            result.Journal.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(0, result.Journal.Count).Select(i => (long)i), result.Journal.Select(e => e.Sequence));
        Assert.Equal(s_start, result.Journal[0].Timestamp);
        Assert.Equal(s_start.AddMilliseconds(500), result.Journal[^1].Timestamp);
        Assert.All(result.Journal.Zip(result.Journal.Skip(1)), pair => Assert.True(pair.First.Timestamp <= pair.Second.Timestamp));
        var answers = result.Journal.OfType<AgentAnswered>().ToList();
        Assert.All(answers, a => Assert.Equal(250, a.LatencyMs));
        Assert.Equal([1, 2], answers.Select(a => a.Step));
        Assert.All(answers, a => Assert.NotNull(a.InputTokens));
        Assert.Equal(TimeSpan.FromMilliseconds(500), result.Duration);
    }

    [Fact]
    public async Task RunAsync_ObserverThrows_RunStillCompletes()
    {
        var (pipeline, _) = TestAgents.Chain("a", "b");
        var seen = new CollectingObserver();
        var options = new HandoffRunnerOptions();
        options.Observers.Add(new ThrowingObserver());
        options.Observers.Add(seen);

        var result = await new HandoffRunner(options).RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(result.Journal.Count, seen.Events.Count);
    }

    [Fact]
    public async Task RunResult_FromStoredJournal_EqualsLiveResult()
    {
        var (pipeline, _) = TestAgents.Chain("a", "b", "c");
        var store = new InMemoryRunStore();
        var live = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).RunAsync(pipeline, HandoffContext.Create("task", "intent", ["c"]), cancellationToken: TestContext.Current.CancellationToken);

        var read = RunResult.FromJournal(await store.ReadAsync(live.RunId, TestContext.Current.CancellationToken));

        Assert.Equal(live.Status, read.Status);
        Assert.Equal(live.Reason, read.Reason);
        Assert.Equal(live.FinalText, read.FinalText);
        Assert.Equal(live.Context, read.Context);
        Assert.Equal(live.Steps, read.Steps);
    }

    [Fact]
    public async Task JournalSerializer_EveryEventOfARun_RoundTripsThroughJson()
    {
        var (pipeline, _) = TestAgents.Chain("a", "b");
        var result = await new HandoffRunner().RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        foreach (var e in result.Journal)
        {
            var json = JournalSerializer.Serialize(e);
            var back = JournalSerializer.Deserialize(json);
            Assert.Equal(e.GetType(), back.GetType());
            Assert.Equal(json, JournalSerializer.Serialize(back));
            Assert.StartsWith("{\"kind\":\"" + e.Kind + "\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InMemoryRunStore_WrongExpectedSequence_ThrowsConcurrencyException()
    {
        var store = new InMemoryRunStore();
        var started = new RunStarted { RunId = "r", Sequence = 0, Orchestration = "p", Task = "t", Intent = "i", Limits = new() };
        await store.AppendAsync("r", 0, [started], TestContext.Current.CancellationToken);
        await store.AppendAsync("r", 0, [started], TestContext.Current.CancellationToken); // idempotent

        var other = new RunEnded { RunId = "r", Sequence = 0, Status = RunStatus.Failed, Reason = "x" };
        await Assert.ThrowsAsync<JournalConcurrencyException>(async () => await store.AppendAsync("r", 0, [other], TestContext.Current.CancellationToken));
        Assert.Single(await store.ReadAsync("r", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResumeAsync_AfterInterruptedRun_ReplaysRecordedAnswersWithoutCallingModel()
    {
        var store = new InMemoryRunStore();
        using var cts = new CancellationTokenSource();
        var crashing = new ScriptedChatClient("a-out", "b-out").Then((_, _) =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });

        // A "crash": the caller's cancellation stops the run in the middle of step 3. Take its journal, drop the end.
        var pipeline = Pipeline.Sequential("p", new Agent("a", crashing), new Agent("b", crashing), new Agent("c", crashing));
        var crashed = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).RunAsync(pipeline, HandoffContext.Create("task"), cancellationToken: cts.Token);
        var partial = crashed.Journal.TakeWhile(e => e is not AgentFailed and not RunEnded).ToList();
        var resumedStore = new InMemoryRunStore();
        await resumedStore.AppendAsync(crashed.RunId, 0, partial, TestContext.Current.CancellationToken);

        var fresh = new ScriptedChatClient("c-out");
        var resumedPipeline = Pipeline.Sequential("p", new Agent("a", fresh), new Agent("b", fresh), new Agent("c", fresh));
        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = resumedStore }).ResumeAsync(resumedPipeline, crashed.RunId, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1, fresh.CallCount);
        Assert.Equal("c-out", result.FinalText);
        var resumed = Assert.Single(result.Journal.OfType<RunResumed>());
        Assert.True(resumed.ResendsInFlightCall);
        Assert.Equal(3, result.Journal.OfType<AgentAnswered>().Count());
        Assert.Equal(Enumerable.Range(0, result.Journal.Count).Select(i => (long)i), result.Journal.Select(e => e.Sequence));
    }

    private sealed class ThrowingObserver : IRunObserver
    {
        public void OnEvent(RunState state, JournalEvent journalEvent) => throw new InvalidOperationException("observer bug");
    }

    private sealed class CollectingObserver : IRunObserver
    {
        public List<JournalEvent> Events { get; } = [];

        public void OnEvent(RunState state, JournalEvent journalEvent) => Events.Add(journalEvent);
    }
}
