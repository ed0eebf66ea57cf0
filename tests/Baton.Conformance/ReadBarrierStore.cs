using Baton.Journal;

namespace Baton.Conformance;

/// <summary>
/// A store wrapper that holds a caller after its first read until every other caller of the barrier has read too: two
/// answers that read the same waiting journal then race to write, as two people answering at the same moment do.
/// </summary>
/// <param name="inner">The store (one instance per caller, as one process each would have).</param>
/// <param name="barrier">The barrier all racing callers share.</param>
internal sealed class ReadBarrierStore(IRunStore inner, Barrier barrier) : IRunStore
{
    private int _reads;

    public ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(runId, expectedSequence, events, cancellationToken);

    public async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        var events = await inner.ReadAsync(runId, cancellationToken);
        if (Interlocked.Increment(ref _reads) == 1 && !barrier.SignalAndWait(TimeSpan.FromSeconds(30), cancellationToken))
        {
            throw new TimeoutException("The other answer never read the run.");
        }

        return events;
    }

    public ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        inner.ListRunsAsync(limit, cancellationToken);

    public ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default) =>
        inner.FindRunsAsync(idPrefix, limit, cancellationToken);
}
