using System.Runtime.CompilerServices;
using Baton.Journal;

namespace Baton.Conformance;

/// <summary>
/// Passes everything to another store, except that its first append waits until <paramref name="parties"/> stores
/// sharing <paramref name="arrived"/> have reached theirs: two resumers then race for the lease from the same journal.
/// </summary>
public sealed class BarrierRunStore(IRunStore inner, int parties, StrongBox<int> arrived, TaskCompletionSource allArrived) : IRunStore
{
    private int _appends;

    /// <inheritdoc />
    public async ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _appends) == 1)
        {
            if (Interlocked.Increment(ref arrived.Value) == parties)
            {
                allArrived.TrySetResult();
            }

            await allArrived.Task.WaitAsync(cancellationToken);
        }

        await inner.AppendAsync(runId, expectedSequence, events, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default) => inner.ReadAsync(runId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default) => inner.ListRunsAsync(limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default) => inner.FindRunsAsync(idPrefix, limit, cancellationToken);
}
