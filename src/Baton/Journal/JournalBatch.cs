using System.Globalization;

namespace Baton.Journal;

/// <summary>
/// The checks every store makes on an append, in one place: placement and serialization
/// (<see cref="Serialize"/>), lease fencing (<see cref="ThrowIfStale(string, RunSummary?, IReadOnlyList{JournalEvent})"/>, <see cref="FoldNew"/>) and the error for a
/// lost race (<see cref="Conflict"/>).
/// </summary>
/// <remarks>
/// <para>A store appends in this order, under its per-run lock or transaction: <see cref="Serialize"/>; read the
/// run's <see cref="RunSummary"/>; <c>ThrowIfStale</c>; compare the events at positions already stored
/// (identical is a no-op, different is <see cref="Conflict"/>); <see cref="FoldNew"/> on the rest; store those events
/// and the new summary together.</para>
/// <para><b>Fencing rules.</b> An event from an older lease epoch than the run's is refused
/// (<see cref="LeaseLostException"/>), even if identical to a stored one. An event that takes the lease
/// (<see cref="RunStarted"/> or <see cref="RunResumed"/> with a lease owner) must raise the epoch. Any other event
/// must carry the run's current epoch.</para>
/// </remarks>
public static class JournalBatch
{
    /// <summary>
    /// Checks that <paramref name="events"/> belong to <paramref name="runId"/> and are numbered from
    /// <paramref name="expectedSequence"/> without gaps, and serializes each with <see cref="JournalSerializer"/>.
    /// </summary>
    /// <param name="runId">The run the batch is appended to.</param>
    /// <param name="expectedSequence">The number of events the run's journal must already hold.</param>
    /// <param name="events">The events, in order.</param>
    /// <returns>Each event with its JSON, in order.</returns>
    /// <exception cref="ArgumentException">An event is null, belongs to another run, or is out of place.</exception>
    public static IReadOnlyList<SerializedJournalEvent> Serialize(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(events);
        var rows = new SerializedJournalEvent[events.Count];
        var position = expectedSequence;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"Event #{i} is null.", nameof(events));
            if (e.RunId != runId || e.Sequence != position)
            {
                throw new ArgumentException(
                    $"Event {e.EventId} does not belong at position {position} of run '{runId}'.", nameof(events));
            }

            rows[i] = new SerializedJournalEvent(e, JournalSerializer.Serialize(e));
            position++;
        }

        return rows;
    }

    /// <summary>Refuses an append written under an older lease than the run's current one.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="current">The run's summary as stored, or <see langword="null"/> for a new run.</param>
    /// <param name="events">The append's events.</param>
    /// <exception cref="LeaseLostException">An event's <see cref="JournalEvent.LeaseEpoch"/> is older than the run's lease.</exception>
    public static void ThrowIfStale(string runId, RunSummary? current, IReadOnlyList<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        ThrowIfStale(runId, current?.Lease, events);
    }

    /// <summary>
    /// Checks the events an append adds (those past the stored ones) against the lease rules and folds them into
    /// the run's summary: the summary row to store with them.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="current">The run's summary as stored, or <see langword="null"/> for a new run.</param>
    /// <param name="events">The append's events.</param>
    /// <param name="firstNew">The index in <paramref name="events"/> of the first event not stored yet.</param>
    /// <returns>The summary after the new events; <paramref name="current"/> when there are none.</returns>
    /// <exception cref="LeaseLostException">An event takes the lease without raising its epoch (another execution took it first).</exception>
    /// <exception cref="ArgumentException">An event carries an epoch whose lease was never taken.</exception>
    public static RunSummary? FoldNew(string runId, RunSummary? current, IReadOnlyList<JournalEvent> events, int firstNew)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (firstNew >= events.Count)
        {
            return current;
        }

        CheckNew(runId, current?.Lease, events, firstNew);
        var fold = current is null ? new RunSummaryFold() : RunSummaryFold.From(current);
        for (var i = firstNew; i < events.Count; i++)
        {
            fold.Apply(events[i]);
        }

        return fold.ToSummary();
    }

    internal static void ThrowIfStale(string runId, RunLease? lease, IReadOnlyList<JournalEvent> events)
    {
        if (lease is null)
        {
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].LeaseEpoch < lease.Epoch)
            {
                throw new LeaseLostException(runId, events[i].LeaseEpoch, lease);
            }
        }
    }

    /// <summary>Checks the lease rules for the new events without folding them (the in-memory store folds in place).</summary>
    internal static void CheckNew(string runId, RunLease? lease, IReadOnlyList<JournalEvent> events, int firstNew)
    {
        var epoch = lease?.Epoch ?? 0;
        for (var i = firstNew; i < events.Count; i++)
        {
            var e = events[i];
            if (RunSummaryFold.TakesLease(e, out var owner))
            {
                if (e.LeaseEpoch <= epoch)
                {
                    throw new LeaseLostException(runId, e.LeaseEpoch, lease);
                }

                epoch = e.LeaseEpoch;
                lease = new RunLease(epoch, owner, e.Timestamp);
            }
            else if (e.LeaseEpoch != epoch)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Event {e.EventId} ({e.Kind}) carries lease epoch {e.LeaseEpoch}, but the run's lease is epoch {epoch}: an execution takes its lease with run_started or run_resumed before it writes under it."),
                    nameof(events));
            }
        }
    }

    /// <summary>The error for an append whose event differs from the one stored at its position.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="expectedSequence">The number of events the writer expected the journal to hold.</param>
    /// <param name="current">The run's summary as stored.</param>
    /// <param name="attempted">The writer's event at the contested position.</param>
    /// <returns>
    /// <see cref="LeaseLostException"/> when the writer was taking the lease (another execution took it first);
    /// otherwise <see cref="JournalConcurrencyException"/>.
    /// </returns>
    public static JournalConcurrencyException Conflict(string runId, long expectedSequence, RunSummary? current, JournalEvent attempted)
    {
        ArgumentNullException.ThrowIfNull(attempted);
        return RunSummaryFold.TakesLease(attempted, out _)
            ? new LeaseLostException(runId, attempted.LeaseEpoch, current?.Lease)
            : JournalConcurrencyException.For(runId, expectedSequence, current?.EventCount ?? 0);
    }
}
