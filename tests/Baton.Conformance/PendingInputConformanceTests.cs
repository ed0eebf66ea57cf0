using Baton.Agents;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Conformance;

/// <summary>
/// People in the loop on every <see cref="IRunStore"/>: a run waits holding nothing in memory, is answered through
/// another store instance (another process), listed across the store, swept when its wait times out, and of two
/// answers given at the same moment exactly one is taken. A store's test project derives a sealed class.
/// </summary>
public abstract class PendingInputConformanceTests : IAsyncDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly List<IRunStore> _stores = [];
    private readonly FakeTimeProvider _time = new(s_start);

    /// <summary>Gets the token that cancels when the test is aborted.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitingRun_AnsweredThroughAnotherStoreInstance_Completes()
    {
        var store = await NewStoreAsync();
        var waiting = await Runner(store).RunAsync(Desk(out _), "Approve the refund of invoice 42.", Ct);
        var other = await ReopenAsync(store);

        var answered = await Runner(other).ProvideInputAsync(Desk(out var writer), waiting.RunId, HumanAnswer.FromText("Refund it."), "alice", Ct);

        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        Assert.Equal(InputOutcome.Accepted, answered.Outcome);
        Assert.Equal(RunStatus.Completed, answered.Run.Status);
        Assert.Equal(1, writer.Calls);
        var stored = await store.ReadAsync(waiting.RunId, Ct);
        Assert.Equal("alice", Assert.Single(stored.OfType<InputProvided>()).Respondent);
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(stored).Status);
    }

    [Fact]
    public async Task TwoAnswersAtOnce_ThroughTwoStoreInstances_ExactlyOneIsTakenAndTheOtherGetsAConflict()
    {
        var store = await NewStoreAsync();
        var waiting = await Runner(store).RunAsync(Desk(out _), "Approve the refund of invoice 42.", Ct);
        var alice = await ReopenAsync(store);
        var bob = await ReopenAsync(store);
        using var bothRead = new Barrier(2);

        var outcomes = await Task.WhenAll(
            Task.Run(() => Runner(new ReadBarrierStore(alice, bothRead)).ProvideInputAsync(Desk(out _), waiting.RunId, HumanAnswer.FromText("Refund it."), "alice", Ct), Ct),
            Task.Run(() => Runner(new ReadBarrierStore(bob, bothRead)).ProvideInputAsync(Desk(out _), waiting.RunId, HumanAnswer.FromText("Decline it."), "bob", Ct), Ct));

        var taken = Assert.Single(outcomes, o => o.Outcome == InputOutcome.Accepted);
        var lost = Assert.Single(outcomes, o => o.Outcome != InputOutcome.Accepted);
        Assert.Equal(InputOutcome.Conflict, lost.Outcome);
        Assert.Contains("answered or continued by someone else at the same time", lost.Message, StringComparison.Ordinal);
        var stored = await store.ReadAsync(waiting.RunId, Ct);
        var answer = Assert.Single(stored.OfType<InputProvided>());
        Assert.Equal(taken.Run.Journal.OfType<InputProvided>().Single().Respondent, answer.Respondent);
        Assert.Single(stored.OfType<RunEnded>(), e => e.Status == RunStatus.Completed);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ListPending_RunsWaitingInTheStore_ListedWithTheirQuestion()
    {
        var store = await NewStoreAsync();
        var waiting = await Runner(store).RunAsync(Desk(out _), "Approve the refund of invoice 42.", Ct);
        await Runner(store).RunAsync(Pipeline.Sequential("solo", new Agent("solo", new EchoChatClient("done"))), "Say done.", Ct);

        var pending = await Runner(await ReopenAsync(store)).ListPendingAsync(Ct);

        var only = Assert.Single(pending);
        Assert.Equal((waiting.RunId, "refund", "approver", "finance-leads", 2), (only.RunId, only.Orchestration, only.Agent, only.Assignee, only.Step));
        Assert.Equal(s_start + TimeSpan.FromHours(4), only.DueAt);
        Assert.False(only.IsOverdue);
    }

    [Fact]
    public async Task ExpiredWait_Sweep_AppliesTheFallbackAndContinuesTheRun()
    {
        var store = await NewStoreAsync();
        var waiting = await Runner(store).RunAsync(Desk(out _), "Approve the refund of invoice 42.", Ct);
        _time.Advance(TimeSpan.FromHours(5));

        var swept = await Runner(await ReopenAsync(store)).ApplyExpiredWaitsAsync(_ => Desk(out var _), Ct);

        var run = Assert.Single(swept);
        Assert.Equal(RunStatus.Completed, run.Status);
        var stored = await store.ReadAsync(waiting.RunId, Ct);
        Assert.Single(stored.OfType<InputTimedOut>());
        Assert.Equal(OutputVia.FixedAnswer, RunState.FromEvents(stored).Context!.Outputs["decision"].Via);
        Assert.Empty(await Runner(store).ListPendingAsync(Ct));
    }

    /// <summary>Disposes every store the tests created.</summary>
    /// <returns>A task that completes when the stores are disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        await ReleaseResourcesAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<IRunStore> CreateStoreAsync();

    /// <summary>Opens a second store instance over the same data as <paramref name="store"/> (another process would).</summary>
    /// <param name="store">A store made by <see cref="CreateStoreAsync"/>.</param>
    /// <returns>The second instance; in-memory stores return <paramref name="store"/>.</returns>
    protected abstract ValueTask<IRunStore> OpenSameStoreAsync(IRunStore store);

    /// <summary>Releases what the derived class holds, after the stores.</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask ReleaseResourcesAsync() => ValueTask.CompletedTask;

    // check -> approver (a person, 4 h, a fixed fallback) -> writer: the orchestration each "process" rebuilds.
    private static SequentialPipeline Desk(out EchoChatClient writer)
    {
        writer = new EchoChatClient("Your refund is on its way.");
        return Pipeline.Sequential(
            "refund",
            new Agent("check", new EchoChatClient("Invoice 42 was charged twice.")),
            new Agent("approver", new HumanParticipant { Question = "Approve this refund?", Assignee = "finance-leads", Timeout = TimeSpan.FromHours(4) })
            {
                Writes = "decision",
                Fallback = Fallback.FixedAnswer("Declined: nobody approved it in time."),
            },
            new Agent("writer", writer) { Reads = ["decision"] });
    }

    private HandoffRunner Runner(IRunStore store) => new(new HandoffRunnerOptions { Store = store, TimeProvider = _time });

    private async ValueTask<IRunStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }

    private async ValueTask<IRunStore> ReopenAsync(IRunStore store)
    {
        var other = await OpenSameStoreAsync(store);
        if (!ReferenceEquals(other, store))
        {
            _stores.Add(other);
        }

        return other;
    }
}
