namespace Baton.Journal;

/// <summary>Prepares a batch of events for a durable store's append: checks their placement and serializes each once.</summary>
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
}
