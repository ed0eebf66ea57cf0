using Baton.Journal;
using static Baton.Conformance.JournalSamples;

namespace Baton.Conformance;

/// <summary>
/// The behaviour every <see cref="IRunStore"/> must have. A store's test project derives a sealed class and
/// implements <see cref="CreateStoreAsync"/>; every test here then runs against that store.
/// </summary>
/// <remarks>Split by topic: this file (ordering, concurrency, idempotence), <c>.Leases.cs</c> (fencing),
/// <c>.Summaries.cs</c> (summary rows and id-prefix lookup).</remarks>
public abstract partial class RunStoreConformanceTests : IAsyncDisposable
{
    private readonly List<IRunStore> _stores = [];

    /// <summary>Gets the token that cancels when the test is aborted.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_UnknownRun_ReturnsEmpty()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.ReadAsync(NewRunId(), Ct));
    }

    [Fact]
    public async Task Append_SeveralBatches_ReadsBackInSequenceOrder()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [Started(runId)], Ct);
        await store.AppendAsync(runId, 1, [Handoff(runId, 1), Handoff(runId, 2)], Ct);
        for (var seq = 3; seq < 40; seq++)
        {
            await store.AppendAsync(runId, seq, [Handoff(runId, seq)], Ct);
        }

        var events = await store.ReadAsync(runId, Ct);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Read_EveryEventKind_ReturnsIdenticalJson()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        var written = AllKinds(runId);
        await store.AppendAsync(runId, 0, written, Ct);

        var read = await store.ReadAsync(runId, Ct);

        Assert.Equal(Json(written), Json(read));
        Assert.Equal(written.Select(e => e.GetType()), read.Select(e => e.GetType()));
    }

    [Fact]
    public async Task Read_FromSecondStoreInstance_SeesCommittedEvents()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        var written = AllKinds(runId);
        await store.AppendAsync(runId, 0, written, Ct);

        var other = await ReopenStoreAsync(store);

        Assert.Equal(Json(written), Json(await other.ReadAsync(runId, Ct)));
    }

    [Fact]
    public async Task Append_SameEventTwice_IsNoOp()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [Started(runId), Handoff(runId, 1)], Ct);

        await store.AppendAsync(runId, 1, [Handoff(runId, 1)], Ct);
        await store.AppendAsync(runId, 0, [Started(runId), Handoff(runId, 1), Handoff(runId, 2)], Ct);

        var events = await store.ReadAsync(runId, Ct);
        Assert.Equal([0L, 1L, 2L], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Append_DifferentEventAtStoredPosition_ThrowsConcurrencyAndKeepsOriginal()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [Started(runId), Handoff(runId, 1, "original")], Ct);

        await Assert.ThrowsAsync<JournalConcurrencyException>(
            async () => await store.AppendAsync(runId, 1, [Handoff(runId, 1, "impostor")], Ct));

        var events = await store.ReadAsync(runId, Ct);
        Assert.Equal("original", Assert.IsType<HandoffRecorded>(events[1]).Note);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Append_ExpectedSequenceBeyondEnd_ThrowsConcurrency()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [Started(runId)], Ct);

        await Assert.ThrowsAsync<JournalConcurrencyException>(
            async () => await store.AppendAsync(runId, 3, [Handoff(runId, 3)], Ct));

        Assert.Single(await store.ReadAsync(runId, Ct));
    }

    [Fact]
    public async Task Append_FailedBatch_StoresNoneOfIt()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [Started(runId), Handoff(runId, 1, "original")], Ct);

        // Event 1 is new content at a stored position: the whole batch is refused, event 2 included.
        await Assert.ThrowsAsync<JournalConcurrencyException>(
            async () => await store.AppendAsync(runId, 1, [Handoff(runId, 1, "impostor"), Handoff(runId, 2)], Ct));

        Assert.Equal(2, (await store.ReadAsync(runId, Ct)).Count);
    }

    [Fact]
    public async Task Append_EventNumberedForAnotherPosition_ThrowsArgumentException()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();

        await Assert.ThrowsAsync<ArgumentException>(
            async () => await store.AppendAsync(runId, 0, [Started(runId), Handoff(runId, 5)], Ct));
        await Assert.ThrowsAsync<ArgumentException>(
            async () => await store.AppendAsync(runId, 0, [Started(NewRunId())], Ct));

        Assert.Empty(await store.ReadAsync(runId, Ct));
    }

    [Fact]
    public async Task Append_TwoWritersRaceForOnePosition_ExactlyOneWins()
    {
        var store = await NewStoreAsync();
        var other = await ReopenStoreAsync(store);
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [Started(runId)], Ct);

        for (var seq = 1; seq <= 20; seq++)
        {
            var writers = Enumerable.Range(0, 6)
                .Select(w => Task.Run(async () =>
                {
                    try
                    {
                        await (w % 2 == 0 ? store : other).AppendAsync(runId, seq, [Handoff(runId, seq, $"writer {w}")], Ct);
                        return $"writer {w}";
                    }
                    catch (JournalConcurrencyException)
                    {
                        return null;
                    }
                }, Ct))
                .ToArray();
            var winners = (await Task.WhenAll(writers)).OfType<string>().ToArray();

            var winner = Assert.Single(winners);
            var events = await store.ReadAsync(runId, Ct);
            Assert.Equal(seq + 1, events.Count);
            Assert.Equal(winner, Assert.IsType<HandoffRecorded>(events[seq]).Note);
        }
    }

    [Fact]
    public async Task Append_ConcurrentRuns_AllEventsStoredInOrder()
    {
        var store = await NewStoreAsync();
        var runIds = Enumerable.Range(0, 16).Select(_ => NewRunId()).ToArray();

        await Task.WhenAll(runIds.Select(runId => Task.Run(async () =>
        {
            await store.AppendAsync(runId, 0, [Started(runId)], Ct);
            for (var seq = 1; seq < 12; seq++)
            {
                await store.AppendAsync(runId, seq, [Handoff(runId, seq)], Ct);
            }
        }, Ct)));

        foreach (var runId in runIds)
        {
            var events = await store.ReadAsync(runId, Ct);
            Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.All(events, e => Assert.Equal(runId, e.RunId));
        }
    }

    [Fact]
    public async Task ListRuns_SeveralRuns_NewestFirstWithStatusFromJournal()
    {
        var store = await NewStoreAsync();
        var start = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var oldest = NewRunId("oldest");
        var middle = NewRunId("middle");
        var newest = NewRunId("newest");
        await store.AppendAsync(middle, 0, [Started(middle, start.AddMinutes(1), "pipeline-b")], Ct);
        await store.AppendAsync(oldest, 0, [Started(oldest, start, "pipeline-a"), Ended(oldest, 1, RunStatus.Completed)], Ct);
        await store.AppendAsync(newest, 0, [Started(newest, start.AddMinutes(2), "pipeline-c"), Handoff(newest, 1), Ended(newest, 2, RunStatus.BudgetExhausted)], Ct);

        var all = await store.ListRunsAsync(10, Ct);
        var two = await store.ListRunsAsync(2, Ct);

        Assert.Equal([newest, middle, oldest], all.Select(r => r.RunId));
        Assert.Equal([newest, middle], two.Select(r => r.RunId));
        Assert.Equal(("pipeline-c", start.AddMinutes(2), RunStatus.BudgetExhausted, 3L), (all[0].Orchestration, all[0].StartedAt, all[0].Status, all[0].EventCount));
        Assert.Equal(("pipeline-b", start.AddMinutes(1), RunStatus.Running, 1L), (all[1].Orchestration, all[1].StartedAt, all[1].Status, all[1].EventCount));
        Assert.Equal(("pipeline-a", start, RunStatus.Completed, 2L), (all[2].Orchestration, all[2].StartedAt, all[2].Status, all[2].EventCount));
    }

    [Fact]
    public async Task ListRuns_EmptyStore_ReturnsEmpty()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.ListRunsAsync(5, Ct));
    }

    /// <summary>Disposes every store the tests created.</summary>
    /// <returns>A task that completes when the stores are disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await DisposeStoreAsync(store);
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

    /// <summary>Disposes one store.</summary>
    /// <param name="store">The store.</param>
    /// <returns>A task that completes when it is disposed.</returns>
    protected virtual async ValueTask DisposeStoreAsync(IRunStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>Releases what the derived class holds, after the stores.</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask ReleaseResourcesAsync() => ValueTask.CompletedTask;

    /// <summary>Creates a store the suite disposes after the test.</summary>
    /// <returns>The store.</returns>
    protected async ValueTask<IRunStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }

    /// <summary>Opens a second instance over the same data, disposed after the test.</summary>
    /// <param name="store">A store made by <see cref="NewStoreAsync"/>.</param>
    /// <returns>The second instance.</returns>
    protected async ValueTask<IRunStore> ReopenStoreAsync(IRunStore store)
    {
        var other = await OpenSameStoreAsync(store);
        if (!ReferenceEquals(other, store))
        {
            _stores.Add(other);
        }

        return other;
    }
}
