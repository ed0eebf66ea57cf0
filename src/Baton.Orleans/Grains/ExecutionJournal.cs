using Baton.Journal;

namespace Baton.Orleans.Grains;

/// <summary>
/// The journal as one execution of a run sees it: the cluster's store, which this execution can stop writing to
/// (when the run parks or the silo hands the run over), and which publishes every stored event to the run's watchers.
/// </summary>
/// <remarks>
/// The store fences executions itself: every event carries its execution's lease epoch, and once another execution
/// has taken the run's next lease the store refuses this one's writes (<see cref="LeaseLostException"/>). What this
/// adds is the execution's own decision to stop writing before any other has taken over: when the run parks, and when
/// the silo hands the run over. A refused write (by the store or here) throws <see cref="JournalConcurrencyException"/>,
/// which <see cref="Orchestration.HandoffRunner"/> lets through without writing <c>run_ended</c>: the run stays as its
/// journal says, for the next execution.
/// </remarks>
internal sealed class ExecutionJournal(IRunStore store, RunEventFeed feed) : IRunStore
{
    private const int Open = 0;
    private const int Draining = 1;
    private const int Closed = 2;

    private int _mode;
    private string _closedBecause = string.Empty;

    /// <summary>Gets or sets a callback run with each stored append's events (to cancel a run once its resume went live, or to learn that an answer was taken).</summary>
    public Action<IReadOnlyList<JournalEvent>>? AfterAppend { get; set; }

    /// <summary>Gets the sequence the next event will have, as far as this execution wrote or read.</summary>
    public long NextSequence { get; private set; }

    /// <summary>Stops new model calls (an <c>agent_called</c> is refused); answers of calls in flight are still recorded.</summary>
    public void Drain(string because)
    {
        _closedBecause = because;
        Interlocked.CompareExchange(ref _mode, Draining, Open);
    }

    /// <summary>Refuses every later write.</summary>
    public void Close(string because)
    {
        _closedBecause = because;
        Volatile.Write(ref _mode, Closed);
    }

    public async ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        var mode = Volatile.Read(ref _mode);
        if (mode == Closed || (mode == Draining && events.Any(e => e is AgentCalled)))
        {
            throw new JournalConcurrencyException(runId, $"Run '{runId}': this execution stopped writing at event {expectedSequence} ({_closedBecause}); the run continues from its journal.", null);
        }

        await store.AppendAsync(runId, expectedSequence, events, cancellationToken).ConfigureAwait(false);
        NextSequence = expectedSequence + events.Count;
        feed.Publish(events);
        AfterAppend?.Invoke(events);
    }

    public async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        var events = await store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        NextSequence = Math.Max(NextSequence, events.Count);
        return events;
    }

    public ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        store.ListRunsAsync(limit, cancellationToken);

    public ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default) =>
        store.FindRunsAsync(idPrefix, limit, cancellationToken);
}
