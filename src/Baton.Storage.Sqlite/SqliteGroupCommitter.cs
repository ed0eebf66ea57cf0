using Baton.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Commits appends in groups: appends that arrive while a commit is being flushed wait and are then written
/// together in one transaction, so many concurrent runs share one disk flush instead of queuing for one each.
/// </summary>
/// <remarks>
/// Each append runs inside its own savepoint, so a conflict in one (a lost race, a stale lease) rolls back only that append.
/// An append's task completes only after the transaction holding it has committed.
/// </remarks>
internal sealed class SqliteGroupCommitter(Func<CancellationToken, ValueTask<SqliteConnection>> open, string path)
{
    // Bounds one transaction's size (and the latency of its first append).
    private const int MaxGroupSize = 256;

    // SQLite's primary result code for a constraint violation (a primary key already taken).
    private const int ConstraintViolation = 19;

    private readonly Lock _gate = new();
    private readonly Queue<PendingAppend> _queue = new();
    private bool _writing;

    public Task AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, IReadOnlyList<SerializedJournalEvent> rows)
    {
        var pending = new PendingAppend(runId, expectedSequence, events, rows);
        var startWriter = false;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            if (!_writing)
            {
                _writing = true;
                startWriter = true;
            }
        }

        if (startWriter)
        {
            _ = Task.Run(WriteGroupsAsync);
        }

        return pending.Completion.Task;
    }

    private async Task WriteGroupsAsync()
    {
        while (true)
        {
            var group = new List<PendingAppend>();
            lock (_gate)
            {
                while (_queue.Count > 0 && group.Count < MaxGroupSize)
                {
                    group.Add(_queue.Dequeue());
                }

                if (group.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }

            await CommitAsync(group).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<PendingAppend> group)
    {
        var failures = new Exception?[group.Count];
        try
        {
            using var connection = await open(CancellationToken.None).ConfigureAwait(false);

            // IMMEDIATE takes the write lock up front, so the counts read inside cannot be invalidated by another
            // process before this transaction commits.
            using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < group.Count; i++)
            {
                var append = group[i];
                transaction.Save("append");
                try
                {
                    await SqliteJournalRows.AppendAsync(connection, transaction, append.RunId, append.ExpectedSequence, append.Events, append.Rows, CancellationToken.None).ConfigureAwait(false);
                    transaction.Release("append");
                }
                catch (Exception ex) when (ex is RunStoreException or ArgumentException or SqliteException { SqliteErrorCode: ConstraintViolation })
                {
                    // Refused by this append's own checks (a lost race, a stale lease, a row the summary did not
                    // count): roll back this append only; the others in the group still commit.
                    transaction.Rollback("append");
                    transaction.Release("append");
                    failures[i] = ex is SqliteException
                        ? new JournalConcurrencyException(append.RunId, $"Run '{append.RunId}' already holds an event at a position this append wrote (the store holds more events than its summary counts). This execution stops; read the journal again to continue the run.", ex)
                        : ex;
                }
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            var failure = SqliteErrors.IsStoreError(ex) ? SqliteErrors.Translate(ex, path) : ex;
            foreach (var append in group)
            {
                append.Completion.TrySetException(failure);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Completion.TrySetException(failure);
            }
            else
            {
                group[i].Completion.TrySetResult();
            }
        }
    }

    private sealed class PendingAppend(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, IReadOnlyList<SerializedJournalEvent> rows)
    {
        public string RunId { get; } = runId;

        public long ExpectedSequence { get; } = expectedSequence;

        public IReadOnlyList<JournalEvent> Events { get; } = events;

        public IReadOnlyList<SerializedJournalEvent> Rows { get; } = rows;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
