namespace Baton.Journal;

/// <summary>Persists run journals: append-only, ordered, one writer per run at a time, fenced by lease epochs.</summary>
/// <remarks>
/// <para><b>Ordering.</b> A run's events are read back in <see cref="JournalEvent.Sequence"/> order, exactly as appended.</para>
/// <para><b>Concurrency.</b> <see cref="AppendAsync"/> succeeds only if the run's journal holds exactly
/// <c>expectedSequence</c> events; otherwise it throws <see cref="JournalConcurrencyException"/>, so two workers
/// cannot both advance one run. Appends to different runs may run concurrently.</para>
/// <para><b>Leases and fencing.</b> Each execution of a run holds a lease: <see cref="RunStarted"/> takes epoch 1 and
/// each <see cref="RunResumed"/> the next epoch, naming its owner; every event carries its writer's
/// <see cref="JournalEvent.LeaseEpoch"/>. The store refuses, with <see cref="LeaseLostException"/>, any append that
/// carries an older epoch than the run's current lease (even one identical to stored events), and any lease event
/// that does not raise the epoch; so once a run has been resumed elsewhere, the execution it replaced can never
/// write to it again. The rules are <see cref="JournalBatch"/>'s.</para>
/// <para><b>Idempotence.</b> Appending an event whose <see cref="JournalEvent.EventId"/> is already stored with
/// the same content (and a current epoch) is a no-op; with different content it is a concurrency conflict.</para>
/// <para><b>Durability.</b> When <see cref="AppendAsync"/> returns, the events are as durable as the store
/// promises (a durable store commits them before returning), so no model call starts before its predecessor's
/// events are safe.</para>
/// <para><b>Summaries.</b> The store keeps a <see cref="RunSummary"/> per run, updated with each append in the same
/// transaction, so <see cref="ListRunsAsync"/> and <see cref="FindRunsAsync"/> read no journal: a run whose stored
/// events are damaged still lists, and only reading it fails (<see cref="UnreadableJournalException"/>).</para>
/// <para><b>Errors.</b> Every error a store reports on purpose is a <see cref="RunStoreException"/>.</para>
/// </remarks>
public interface IRunStore
{
    /// <summary>Appends events to a run's journal and updates its summary, all or nothing.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="expectedSequence">The number of events the journal must already hold.</param>
    /// <param name="events">The events, numbered from <paramref name="expectedSequence"/> without gaps.</param>
    /// <param name="cancellationToken">A token to cancel the append.</param>
    /// <returns>A task that completes when the events are stored.</returns>
    /// <exception cref="JournalConcurrencyException">The journal does not hold <paramref name="expectedSequence"/> events, or holds different ones.</exception>
    /// <exception cref="LeaseLostException">A newer execution holds the run's lease.</exception>
    /// <exception cref="ArgumentException">An event is out of place, or carries a lease epoch that was never taken.</exception>
    /// <exception cref="RunStoreException">The store cannot be used.</exception>
    ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Reads a run's journal.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The events in sequence order; empty when the run is unknown.</returns>
    /// <exception cref="UnreadableJournalException">A stored event of the run cannot be read.</exception>
    /// <exception cref="RunStoreException">The store cannot be used.</exception>
    ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists the runs in the store, most recently started first, from their summaries (no journal is read).</summary>
    /// <param name="limit">The maximum number of runs to list.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>A summary of each run.</returns>
    /// <exception cref="RunStoreException">The store cannot be used.</exception>
    ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Finds runs whose id starts with a prefix (ordinal, case-sensitive), from their summaries: one indexed lookup.</summary>
    /// <param name="idPrefix">The start of the run id; a whole id finds that run (first, as ids are ordered).</param>
    /// <param name="limit">The maximum number of runs to return (ask for 2 to tell a unique prefix from an ambiguous one).</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The matching runs' summaries, ordered by run id.</returns>
    /// <exception cref="ArgumentException"><paramref name="idPrefix"/> is empty.</exception>
    /// <exception cref="RunStoreException">The store cannot be used.</exception>
    ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default);
}
