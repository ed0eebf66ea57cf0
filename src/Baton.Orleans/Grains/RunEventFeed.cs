using System.Threading.Channels;
using Baton.Journal;

namespace Baton.Orleans.Grains;

/// <summary>Hands the events one activation writes to the run's watchers as they are stored.</summary>
/// <remarks>Thread-safe: events are published from the run's own flow, watchers subscribe from grain calls.</remarks>
internal sealed class RunEventFeed
{
    private readonly Lock _lock = new();
    private readonly List<Channel<ClusterJournalEntry>> _subscribers = [];

    public Subscription Subscribe()
    {
        // Bounded per watcher: a watcher that stops reading is dropped rather than growing the silo's memory.
        var channel = Channel.CreateBounded<ClusterJournalEntry>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    public void Publish(IReadOnlyList<JournalEvent> events)
    {
        lock (_lock)
        {
            if (_subscribers.Count == 0)
            {
                return;
            }

            foreach (var journalEvent in events)
            {
                var entry = ToEntry(journalEvent);
                foreach (var subscriber in _subscribers)
                {
                    if (!subscriber.Writer.TryWrite(entry))
                    {
                        // A full watcher lost events: end its stream so it re-reads from the journal.
                        subscriber.Writer.TryComplete();
                    }
                }
            }
        }
    }

    /// <summary>Ends every watch with a marker (the run parked, or stopped executing here).</summary>
    public void EndAll(string marker, long next)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(ClusterJournalEntry.Marker(marker, next));
                subscriber.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    public static ClusterJournalEntry ToEntry(JournalEvent journalEvent) =>
        new(journalEvent.Sequence, journalEvent.Kind, JournalSerializer.Serialize(journalEvent), JournalSerializer.CurrentSchemaVersion);

    private void Remove(Channel<ClusterJournalEntry> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }
    }

    /// <summary>One watcher's channel; disposing it unsubscribes.</summary>
    public sealed class Subscription(RunEventFeed feed, Channel<ClusterJournalEntry> channel) : IDisposable
    {
        public ChannelReader<ClusterJournalEntry> Reader => channel.Reader;

        public void Dispose() => feed.Remove(channel);
    }
}
