using System.Collections.Concurrent;

namespace Baton.Journal;

/// <summary>A run store that keeps journals in memory: for tests, samples and single-process runs that need no durability.</summary>
/// <remarks>
/// Thread-safe. Events are immutable records and are kept as appended; an event appended twice is compared by its
/// JSON. Lease fencing and summaries behave as in the durable stores (<see cref="IRunStore"/>).
/// </remarks>
public sealed class InMemoryRunStore : IRunStore
{
    private readonly ConcurrentDictionary<string, Journal> _runs = new(concurrencyLevel: Environment.ProcessorCount, capacity: 7, StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSequence);
        cancellationToken.ThrowIfCancellationRequested();

        // Check the whole batch before storing any of it: an append is all or nothing. Indexed loops: no enumerator
        // is allocated on this hot path (one append per journal event).
        var expected = expectedSequence;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"Event #{i} is null.", nameof(events));
            if (e.RunId != runId || e.Sequence != expected)
            {
                throw new ArgumentException(
                    $"Event {e.EventId} does not belong at position {expected} of run '{runId}'.", nameof(events));
            }

            expected++;
        }

        var journal = _runs.GetOrAdd(runId, static _ => new Journal());
        lock (journal)
        {
            var count = journal.Events.Count;
            if (expectedSequence > count)
            {
                throw JournalConcurrencyException.For(runId, expectedSequence, count);
            }

            JournalBatch.ThrowIfStale(runId, journal.Fold.Lease, events);

            // The same events appended twice are a no-op; different ones are a lost race.
            var firstNew = (int)Math.Min(events.Count, count - expectedSequence);
            for (var i = 0; i < firstNew; i++)
            {
                if (JournalSerializer.Serialize(journal.Events[(int)expectedSequence + i]) != JournalSerializer.Serialize(events[i]))
                {
                    throw JournalBatch.Conflict(runId, expectedSequence, journal.Summary(), events[i]);
                }
            }

            // The shared lease rules, then the summary folded in place (no copy per append on this hot path).
            JournalBatch.CheckNew(runId, journal.Fold.Lease, events, firstNew);
            for (var i = firstNew; i < events.Count; i++)
            {
                journal.Events.Add(events[i]);
                journal.Fold.Apply(events[i]);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_runs.TryGetValue(runId, out var journal))
        {
            return ValueTask.FromResult<IReadOnlyList<JournalEvent>>([]);
        }

        lock (journal)
        {
            return ValueTask.FromResult<IReadOnlyList<JournalEvent>>(journal.Events.ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<RunSummary>>(
            [.. Summaries().OrderByDescending(s => s.StartedAt).ThenBy(s => s.RunId, StringComparer.Ordinal).Take(limit)]);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<RunSummary>>(
            [.. Summaries().Where(s => s.RunId.StartsWith(idPrefix, StringComparison.Ordinal)).OrderBy(s => s.RunId, StringComparer.Ordinal).Take(limit)]);
    }

    private IEnumerable<RunSummary> Summaries()
    {
        foreach (var journal in _runs.Values)
        {
            RunSummary? summary;
            lock (journal)
            {
                summary = journal.Summary();
            }

            // A refused first append leaves an empty journal behind: not a run.
            if (summary is not null)
            {
                yield return summary;
            }
        }
    }

    private sealed class Journal
    {
        public List<JournalEvent> Events { get; } = new(16);

        public RunSummaryFold Fold { get; } = new();

        public RunSummary? Summary() => Events.Count == 0 ? null : Fold.ToSummary();
    }
}
