using System.Collections.Concurrent;

namespace Baton.Journal;

/// <summary>A run store that keeps journals in memory: for tests, samples and single-process runs that need no durability.</summary>
/// <remarks>Thread-safe. Events are immutable records and are kept as appended; an event appended twice is compared by its JSON.</remarks>
public sealed class InMemoryRunStore : IRunStore
{
    private readonly ConcurrentDictionary<string, List<JournalEvent>> _runs = new(concurrencyLevel: Environment.ProcessorCount, capacity: 7, StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        // Check the whole batch before storing any of it: an append is all or nothing. Indexed loops: no enumerator
        // is allocated on this hot path (one append per journal event).
        var expected = expectedSequence;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.RunId != runId || e.Sequence != expected)
            {
                throw new ArgumentException(
                    $"Event {e.EventId} does not belong at position {expected} of run '{runId}'.", nameof(events));
            }

            expected++;
        }

        var journal = _runs.GetOrAdd(runId, static _ => new List<JournalEvent>(16));
        lock (journal)
        {
            var position = expectedSequence;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (position < journal.Count)
                {
                    // The same event appended twice is a no-op; a different one is a lost race.
                    if (JournalSerializer.Serialize(journal[(int)position]) != JournalSerializer.Serialize(e))
                    {
                        throw JournalConcurrencyException.For(runId, expectedSequence, journal.Count);
                    }
                }
                else if (position == journal.Count)
                {
                    journal.Add(e);
                }
                else
                {
                    throw JournalConcurrencyException.For(runId, expectedSequence, journal.Count);
                }

                position++;
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
            return ValueTask.FromResult<IReadOnlyList<JournalEvent>>(journal.ToArray());
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var summaries = new List<RunSummary>();
        foreach (var runId in _runs.Keys)
        {
            var events = await ReadAsync(runId, cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
            {
                // A refused first append leaves an empty journal behind: not a run.
                continue;
            }

            var state = RunState.FromEvents(events);
            summaries.Add(new RunSummary(runId, state.Orchestration, state.StartedAt, state.Status, state.EventCount));
        }

        return [.. summaries.OrderByDescending(s => s.StartedAt).Take(limit)];
    }
}
