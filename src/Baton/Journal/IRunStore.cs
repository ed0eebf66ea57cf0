namespace Baton.Journal;

/// <summary>Persists run journals: append-only, ordered, one writer per run at a time.</summary>
/// <remarks>
/// <para><b>Ordering.</b> A run's events are read back in <see cref="JournalEvent.Sequence"/> order, exactly as appended.</para>
/// <para><b>Concurrency.</b> <see cref="AppendAsync"/> succeeds only if the run's journal holds exactly
/// <c>expectedSequence</c> events; otherwise it throws <see cref="JournalConcurrencyException"/>, so two workers
/// cannot both advance one run. Appends to different runs may run concurrently.</para>
/// <para><b>Idempotence.</b> Appending an event whose <see cref="JournalEvent.EventId"/> is already stored with
/// the same content is a no-op; with different content it is a concurrency conflict.</para>
/// <para><b>Durability.</b> When <see cref="AppendAsync"/> returns, the events are as durable as the store
/// promises (a durable store commits them before returning), so no model call starts before its predecessor's
/// events are safe.</para>
/// </remarks>
public interface IRunStore
{
    /// <summary>Appends events to a run's journal.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="expectedSequence">The number of events the journal must already hold.</param>
    /// <param name="events">The events, numbered from <paramref name="expectedSequence"/> without gaps.</param>
    /// <param name="cancellationToken">A token to cancel the append.</param>
    /// <returns>A task that completes when the events are stored.</returns>
    /// <exception cref="JournalConcurrencyException">The journal does not hold <paramref name="expectedSequence"/> events.</exception>
    ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Reads a run's journal.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The events in sequence order; empty when the run is unknown.</returns>
    ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists the runs in the store, most recently started first.</summary>
    /// <param name="limit">The maximum number of runs to list.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>A summary of each run.</returns>
    ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default);
}
