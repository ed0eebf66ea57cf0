using Baton.Journal;
using static Baton.Conformance.JournalSamples;

namespace Baton.Conformance;

/// <summary>Lease fencing: once a newer execution holds a run, the store refuses every append of the older ones.</summary>
public abstract partial class RunStoreConformanceTests
{
    [Fact]
    public async Task Append_ZombieWithOlderEpoch_ThrowsLeaseLostAndStoresNothing()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [StartedWithLease(runId, "worker-a"), Handoff(runId, 1, epoch: 1)], Ct);
        await store.AppendAsync(runId, 2, [Resumed(runId, 2, epoch: 2, "worker-b")], Ct);

        var refused = await Assert.ThrowsAsync<LeaseLostException>(
            async () => await store.AppendAsync(runId, 3, [Handoff(runId, 3, epoch: 1, "zombie")], Ct));

        Assert.Equal(runId, refused.RunId);
        Assert.Equal(1, refused.WriterEpoch);
        Assert.Equal((2L, "worker-b"), (refused.CurrentLease!.Epoch, refused.CurrentLease.Owner));
        Assert.Contains("worker-b", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await store.ReadAsync(runId, Ct)).Count);
    }

    [Fact]
    public async Task Append_ZombieRepeatingAStoredEventByteForByte_IsRefused()
    {
        // The hole leases close: a repeated identical append used to be an accepted no-op, so a paused worker that
        // wrote the same bytes as the run's new owner was never told it had lost the run.
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [StartedWithLease(runId, "worker-a"), Handoff(runId, 1, epoch: 1)], Ct);
        await store.AppendAsync(runId, 2, [Resumed(runId, 2, epoch: 2, "worker-b")], Ct);

        await Assert.ThrowsAsync<LeaseLostException>(
            async () => await store.AppendAsync(runId, 1, [Handoff(runId, 1, epoch: 1)], Ct));
    }

    [Fact]
    public async Task Append_ZombieThroughAnotherStoreInstance_IsRefused()
    {
        var store = await NewStoreAsync();
        var zombie = await ReopenStoreAsync(store);
        var runId = NewRunId();
        await zombie.AppendAsync(runId, 0, [StartedWithLease(runId, "worker-a")], Ct);
        await store.AppendAsync(runId, 1, [Resumed(runId, 1, epoch: 2, "worker-b")], Ct);

        await Assert.ThrowsAsync<LeaseLostException>(
            async () => await zombie.AppendAsync(runId, 2, [Handoff(runId, 2, epoch: 1)], Ct));
        await store.AppendAsync(runId, 2, [Handoff(runId, 2, epoch: 2)], Ct);

        Assert.Equal(3, (await zombie.ReadAsync(runId, Ct)).Count);
    }

    [Fact]
    public async Task Append_LeaseEventThatDoesNotRaiseTheEpoch_ThrowsLeaseLost()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [StartedWithLease(runId, "worker-a"), Resumed(runId, 1, epoch: 2, "worker-b")], Ct);

        await Assert.ThrowsAsync<LeaseLostException>(
            async () => await store.AppendAsync(runId, 2, [Resumed(runId, 2, epoch: 2, "worker-c")], Ct));

        Assert.Equal(2, (await store.ReadAsync(runId, Ct)).Count);
    }

    [Fact]
    public async Task Append_EventUnderAnEpochNeverTaken_ThrowsArgumentException()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [StartedWithLease(runId, "worker-a")], Ct);

        await Assert.ThrowsAsync<ArgumentException>(
            async () => await store.AppendAsync(runId, 1, [Handoff(runId, 1, epoch: 5)], Ct));

        Assert.Single(await store.ReadAsync(runId, Ct));
    }

    [Fact]
    public async Task Append_TwoResumersRaceForTheLease_ExactlyOneWinsAndTheOthersLoseTheLease()
    {
        var store = await NewStoreAsync();
        var other = await ReopenStoreAsync(store);
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [StartedWithLease(runId, "worker-a"), Handoff(runId, 1, epoch: 1)], Ct);

        var resumers = Enumerable.Range(0, 6)
            .Select(w => Task.Run(async () =>
            {
                try
                {
                    await (w % 2 == 0 ? store : other).AppendAsync(runId, 2, [Resumed(runId, 2, epoch: 2, $"worker-{w}")], Ct);
                    return (Owner: $"worker-{w}", Error: (Exception?)null);
                }
                catch (JournalConcurrencyException ex)
                {
                    return (Owner: $"worker-{w}", Error: ex);
                }
            }, Ct))
            .ToArray();
        var outcomes = await Task.WhenAll(resumers);

        var winner = Assert.Single(outcomes, o => o.Error is null);
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.IsType<LeaseLostException>(o.Error));
        var events = await store.ReadAsync(runId, Ct);
        Assert.Equal(winner.Owner, Assert.IsType<RunResumed>(events[2]).LeaseOwner);
        Assert.Equal(winner.Owner, (await store.FindRunsAsync(runId, 1, Ct))[0].Lease!.Owner);
    }

    [Fact]
    public async Task Append_StaleAppendAmongConcurrentRuns_FailsAloneWhileTheOthersCommit()
    {
        var store = await NewStoreAsync();
        var fenced = NewRunId("fenced");
        await store.AppendAsync(fenced, 0, [StartedWithLease(fenced, "worker-a"), Resumed(fenced, 1, epoch: 2, "worker-b")], Ct);
        var runIds = Enumerable.Range(0, 24).Select(_ => NewRunId()).ToArray();

        var appends = runIds.Select(runId => Task.Run(async () =>
        {
            await store.AppendAsync(runId, 0, [StartedWithLease(runId)], Ct);
            for (var seq = 1; seq < 6; seq++)
            {
                await store.AppendAsync(runId, seq, [Handoff(runId, seq, epoch: 1)], Ct);
            }
        }, Ct)).ToList();
        var zombie = Task.Run(async () => await store.AppendAsync(fenced, 2, [Handoff(fenced, 2, epoch: 1)], Ct), Ct);
        await Task.WhenAll(appends);

        await Assert.ThrowsAsync<LeaseLostException>(() => zombie);
        foreach (var runId in runIds)
        {
            Assert.Equal(6, (await store.ReadAsync(runId, Ct)).Count);
        }
    }
}
