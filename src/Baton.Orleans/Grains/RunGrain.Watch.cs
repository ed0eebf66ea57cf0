using System.Runtime.CompilerServices;
using Baton.Journal;
using Baton.Orleans.Errors;

namespace Baton.Orleans.Grains;

/// <summary>Following a run: its journal events as they are written.</summary>
internal sealed partial class RunGrain
{
    public IAsyncEnumerable<ClusterJournalEntry> WatchAsync(long fromSequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);

        // Orleans returns a stream's error as a value, past the call filter: convert it here.
        return WithWireErrors(WatchCoreAsync(fromSequence, cancellationToken), cancellationToken);
    }

    private async IAsyncEnumerable<ClusterJournalEntry> WatchCoreAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureExecutingAsync(null, wake: false, cancellationToken).ConfigureAwait(true);

        // Subscribe before reading, so no event falls between the journal read and the live feed.
        var execution = _execution;
        using var subscription = execution is null ? null : _feed.Subscribe();
        var next = fromSequence;
        var stored = await runtime.Store.ReadAsync(RunId, cancellationToken).ConfigureAwait(true);
        if (stored.Count == 0 && subscription is null)
        {
            yield return ClusterJournalEntry.Marker(ClusterJournalEntry.UnknownMarker, next);
            yield break;
        }

        for (var i = 0; i < stored.Count; i++)
        {
            var journalEvent = stored[i];
            if (journalEvent.Sequence < next)
            {
                continue;
            }

            next = journalEvent.Sequence + 1;
            yield return RunEventFeed.ToEntry(journalEvent);

            // The journal's last run_ended ends the run (or its wait for a person), unless the execution here began
            // after it and goes on (an answer that continues a waiting run). An earlier run_ended (a wait that was
            // answered, a cancelled run that was resumed) is not the end.
            if (journalEvent is RunEnded && i == stored.Count - 1 && (execution is null || journalEvent.Sequence >= execution.FirstSequence))
            {
                yield break;
            }
        }

        if (subscription is null)
        {
            if (_parkedUntil is not null || (await FindWakeReminderAsync().ConfigureAwait(true)).Reminder is not null)
            {
                yield return ClusterJournalEntry.Marker(ClusterJournalEntry.ParkedMarker, next);
            }

            yield break;
        }

        await foreach (var entry in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(true))
        {
            if (entry.IsMarker)
            {
                yield return entry with { Sequence = next };
                yield break;
            }

            // The feed carries only this execution's events, so its run_ended is the end (seen already, or now).
            if (entry.Sequence >= next)
            {
                next = entry.Sequence + 1;
                yield return entry;
            }

            if (entry.Kind == RunEndedKind)
            {
                yield break;
            }
        }
    }

    private async IAsyncEnumerable<ClusterJournalEntry> WithWireErrors(IAsyncEnumerable<ClusterJournalEntry> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(true))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(true))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (ClusterErrors.ToWire(ex, RunId) is var wire && !ReferenceEquals(wire, ex))
                {
                    throw wire;
                }

                yield return enumerator.Current;
            }
        }
    }
}
