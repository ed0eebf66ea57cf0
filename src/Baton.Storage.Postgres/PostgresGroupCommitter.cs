using Baton.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Storage.Postgres;

/// <summary>
/// Commits appends in groups: appends that arrive while a group is being committed wait and are then written
/// together — across runs — in one round trip and one commit, so many concurrent runs share one WAL flush.
/// </summary>
/// <remarks>
/// <para><b>Fast path.</b> The committer remembers each run's summary after its own last append. An append that
/// continues from there (the usual case: one worker per run) is checked in memory with <see cref="JournalBatch"/>'s
/// rules and written by one statement for the whole group, guarded by the stored event count: the run's summary row
/// is updated only if it still holds the count the committer knows, and the events are inserted only for runs whose
/// row was updated (or newly inserted). One statement in autocommit is one round trip and one commit.</para>
/// <para><b>Checked path.</b> Every other append (a first sight of the run, a retry, a run another process advanced)
/// goes through one transaction for the rest of the group: the runs' summary rows are locked
/// (<c>SELECT … FOR UPDATE</c>), each append is checked against them in order, and the accepted events and
/// summaries are written together. A refused append (a lost race, a stale lease) fails alone; if the transaction
/// itself fails, each append is retried in its own, so one run's conflict never fails the others.</para>
/// <para>An append's task completes only after the commit that holds it has returned. At most two groups are in
/// flight at once (one is sent while the other waits for its WAL flush); a run's appends never sit in both, so they
/// stay in order. A lone append is written by its caller, without a thread hop.</para>
/// </remarks>
internal sealed class PostgresGroupCommitter(NpgsqlDataSource dataSource, string location)
{
    // Bounds one group (and the latency of its first append).
    private const int MaxGroupSize = 512;

    // Bounds the remembered summaries; runs that ended are forgotten at once.
    private const int MaxKnownRuns = 100_000;

    private const string FastSql = $"""
        WITH v AS (
            SELECT * FROM unnest({PostgresSummaryRows.Arrays}, $17::bigint[], $18::boolean[])
                AS v({PostgresSummaryRows.Columns}, expected, is_new)
        ),
        ins AS (
            INSERT INTO baton_runs (summary_version, {PostgresSummaryRows.Columns})
            SELECT 2, {PostgresSummaryRows.Columns} FROM v WHERE v.is_new
            ON CONFLICT (run_id) DO NOTHING
            RETURNING run_id
        ),
        -- "run_id = ANY($1)" lets the planner fetch the group's rows through the primary key instead of scanning the table.
        upd AS (
            UPDATE baton_runs r SET {PostgresSummaryRows.SetFromV}
            FROM v WHERE r.run_id = ANY($1::text[]) AND NOT v.is_new AND r.run_id = v.run_id AND r.event_count = v.expected
            RETURNING r.run_id
        ),
        ok AS (SELECT run_id FROM ins UNION ALL SELECT run_id FROM upd),
        ev AS (
            INSERT INTO baton_events (run_id, seq, kind, schema_version, json, timestamp)
            SELECT e.* FROM unnest($19::text[], $20::bigint[], $21::text[], $22::integer[], $23::text[], $24::timestamptz[])
                AS e(run_id, seq, kind, schema_version, json, ts)
            WHERE e.run_id IN (SELECT run_id FROM ok)
        )
        SELECT run_id FROM ok;
        """;

    // Two groups in flight: one is built and sent while the other waits for its commit (the WAL flush).
    private const int MaxWriters = 2;

    private readonly Lock _gate = new();
    private readonly Queue<PendingAppend> _queue = new();

    // Runs with an append in a group being committed (guarded by _gate): their next appends wait for that group, so a
    // run's appends stay in order and two groups never contend for one run's row.
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    // Each run's summary after this committer's last append to it (guarded by _knownGate).
    private readonly Dictionary<string, RunSummary> _known = new(StringComparer.Ordinal);
    private readonly Lock _knownGate = new();
    private int _writers;

    public async Task AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, IReadOnlyList<SerializedJournalEvent> rows)
    {
        var pending = new PendingAppend(runId, expectedSequence, events, rows);
        var lead = false;
        var background = false;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            if (_writers == 0)
            {
                _writers++;
                lead = true;
            }
            else if (_writers < MaxWriters)
            {
                _writers++;
                background = true;
            }
        }

        if (lead)
        {
            // The caller that finds no writer becomes it, on its own thread: a lone append costs no thread hop.
            await WriteGroupsAsync(pending).ConfigureAwait(false);
        }
        else if (background)
        {
            _ = Task.Run(() => WriteGroupsAsync(null));
        }

        await pending.Completion.Task.ConfigureAwait(false);
    }

    private async Task WriteGroupsAsync(PendingAppend? leader)
    {
        while (true)
        {
            List<PendingAppend> group;
            lock (_gate)
            {
                if (leader is not null && leader.Completion.Task.IsCompleted)
                {
                    // The leading caller's own append is done: hand what queued meanwhile to a background writer (this
                    // writer's slot goes with it), so the caller is not held up by other runs' groups.
                    if (_queue.Count > 0)
                    {
                        _ = Task.Run(() => WriteGroupsAsync(null));
                    }
                    else
                    {
                        _writers--;
                    }

                    return;
                }

                group = TakeGroup();
                if (group.Count == 0)
                {
                    // Nothing left, or only appends of runs the other writer is committing: it takes those next.
                    _writers--;
                    return;
                }
            }

            try
            {
                await CommitGroupAsync(group).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Never leave an append waiting: whatever escaped fails the appends not yet completed.
                foreach (var append in group)
                {
                    append.Completion.TrySetException(ex);
                }
            }
            finally
            {
                lock (_gate)
                {
                    foreach (var append in group)
                    {
                        _inFlight.Remove(append.RunId);
                    }
                }
            }
        }
    }

    /// <summary>Takes the next group from the queue (under <see cref="_gate"/>), leaving appends of runs in flight queued in order.</summary>
    private List<PendingAppend> TakeGroup()
    {
        var group = new List<PendingAppend>(Math.Min(_queue.Count, MaxGroupSize));
        List<PendingAppend>? deferred = null;
        while (_queue.Count > 0)
        {
            var append = _queue.Dequeue();
            if (group.Count < MaxGroupSize && !_inFlight.Contains(append.RunId))
            {
                group.Add(append);
            }
            else
            {
                (deferred ??= []).Add(append);
            }
        }

        foreach (var append in deferred ?? [])
        {
            _queue.Enqueue(append);
        }

        foreach (var append in group)
        {
            _inFlight.Add(append.RunId);
        }

        return group;
    }

    private async Task CommitGroupAsync(List<PendingAppend> group)
    {
        var fast = new List<(PendingAppend Append, RunSummary Next, bool IsNew)>(group.Count);
        var runs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var append in group)
        {
            // Only a run's first append in the group can take the fast path: the next one depends on its outcome.
            if (runs.Add(append.RunId) && TryPlanFast(append, out var next, out var isNew))
            {
                fast.Add((append, next, isNew));
            }
        }

        if (fast.Count > 0)
        {
            var written = await TryWriteFastAsync(fast).ConfigureAwait(false);
            foreach (var (append, next, _) in fast)
            {
                if (written.Contains(append.RunId))
                {
                    Remember(next);
                    append.Completion.TrySetResult();
                }
                else
                {
                    // The run moved on without this committer knowing (or the statement failed): check it properly.
                    Forget(append.RunId);
                }
            }
        }

        var rest = group.Where(a => !a.Completion.Task.IsCompleted).ToList();
        if (rest.Count == 0)
        {
            return;
        }

        try
        {
            await CommitCheckedAsync(rest).ConfigureAwait(false);
        }
        catch (Exception ex) when (rest.Count > 1 && PostgresErrors.IsStoreError(ex))
        {
            // The shared transaction failed (a deadlock with another process, a writer that bypassed the row locks):
            // retry each append in its own, so one run's problem fails only that run's append.
            foreach (var append in rest)
            {
                try
                {
                    await CommitCheckedAsync([append]).ConfigureAwait(false);
                }
                catch (Exception single) when (PostgresErrors.IsStoreError(single))
                {
                    append.Completion.TrySetException(Translate(append, single));
                }
            }
        }
        catch (Exception ex) when (PostgresErrors.IsStoreError(ex))
        {
            foreach (var append in rest)
            {
                append.Completion.TrySetException(Translate(append, ex));
            }
        }
    }

    private bool TryPlanFast(PendingAppend append, out RunSummary next, out bool isNew)
    {
        next = null!;
        RunSummary? current = null;
        isNew = append.ExpectedSequence == 0;
        lock (_knownGate)
        {
            if (isNew ? _known.ContainsKey(append.RunId) : !_known.TryGetValue(append.RunId, out current) || current.EventCount != append.ExpectedSequence)
            {
                return false;
            }
        }

        try
        {
            JournalBatch.ThrowIfStale(append.RunId, current, append.Events);
            next = JournalBatch.FoldNew(append.RunId, current, append.Events, 0)!;
            return next is not null;
        }
        catch (Exception ex) when (ex is RunStoreException or ArgumentException)
        {
            // The checked path gives the authoritative answer against the stored row.
            return false;
        }
    }

    private async Task<HashSet<string>> TryWriteFastAsync(List<(PendingAppend Append, RunSummary Next, bool IsNew)> fast)
    {
        var rows = new List<SerializedJournalEvent>();
        foreach (var (append, _, _) in fast)
        {
            rows.AddRange(append.Rows);
        }

        try
        {
            var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = new NpgsqlCommand(FastSql, connection);
                await using (command.ConfigureAwait(false))
                {
                    PostgresSummaryRows.AddArrays(command.Parameters, [.. fast.Select(f => f.Next)]);
                    command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. fast.Select(f => f.Append.ExpectedSequence)] });
                    command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. fast.Select(f => f.IsNew)] });
                    PostgresJournalRows.AddArrays(command.Parameters, rows);

                    // Prepared once per pooled connection (Npgsql keeps it), so the server plans the statement once.
                    await command.PrepareAsync().ConfigureAwait(false);
                    var written = new HashSet<string>(StringComparer.Ordinal);
                    var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync().ConfigureAwait(false))
                        {
                            written.Add(reader.GetString(0));
                        }
                    }

                    return written;
                }
            }
        }
        catch (Exception ex) when (PostgresErrors.IsStoreError(ex))
        {
            // Nothing was committed (one statement is one transaction): the checked path retries each append.
            return [];
        }
    }

    private async Task CommitCheckedAsync(List<PendingAppend> appends)
    {
        var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = await LockRunsAsync(connection, transaction, appends).ConfigureAwait(false);
                var pendingJson = new Dictionary<(string, long), string>();
                var rows = new List<SerializedJournalEvent>();
                var changed = new Dictionary<string, RunSummary>(StringComparer.Ordinal);
                var failures = new Exception?[appends.Count];
                for (var i = 0; i < appends.Count; i++)
                {
                    var append = appends[i];
                    try
                    {
                        var summary = current.GetValueOrDefault(append.RunId);
                        var (next, firstNew) = await CheckAsync(connection, transaction, append, summary, pendingJson).ConfigureAwait(false);
                        if (next is not null && firstNew < append.Rows.Count)
                        {
                            current[append.RunId] = next;
                            changed[append.RunId] = next;
                            for (var r = firstNew; r < append.Rows.Count; r++)
                            {
                                rows.Add(append.Rows[r]);
                                pendingJson[(append.RunId, append.Rows[r].Event.Sequence)] = append.Rows[r].Json;
                            }
                        }
                    }
                    catch (Exception ex) when (ex is RunStoreException or ArgumentException)
                    {
                        failures[i] = ex;
                    }
                }

                if (rows.Count > 0)
                {
                    var batch = new NpgsqlBatch(connection, transaction);
                    await using (batch.ConfigureAwait(false))
                    {
                        var insert = new NpgsqlBatchCommand(PostgresJournalRows.InsertSql(1));
                        PostgresJournalRows.AddArrays(insert.Parameters, rows);
                        batch.BatchCommands.Add(insert);
                        var update = new NpgsqlBatchCommand(PostgresSummaryRows.UpdateSql);
                        PostgresSummaryRows.AddArrays(update.Parameters, [.. changed.Values]);
                        batch.BatchCommands.Add(update);
                        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync().ConfigureAwait(false);
                for (var i = 0; i < appends.Count; i++)
                {
                    if (failures[i] is { } failure)
                    {
                        Forget(appends[i].RunId);
                        appends[i].Completion.TrySetException(failure);
                    }
                    else
                    {
                        if (current.GetValueOrDefault(appends[i].RunId) is { } summary)
                        {
                            Remember(summary);
                        }

                        appends[i].Completion.TrySetResult();
                    }
                }
            }
        }
    }

    /// <summary>Checks one append against the locked summary (and events already stored or pending); returns the summary after it.</summary>
    private static async ValueTask<(RunSummary? Next, int FirstNew)> CheckAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PendingAppend append, RunSummary? summary, Dictionary<(string, long), string> pendingJson)
    {
        var count = summary?.EventCount ?? 0;
        if (append.ExpectedSequence > count)
        {
            throw JournalConcurrencyException.For(append.RunId, append.ExpectedSequence, count);
        }

        JournalBatch.ThrowIfStale(append.RunId, summary, append.Events);
        var firstNew = (int)Math.Min(append.Rows.Count, count - append.ExpectedSequence);
        if (firstNew > 0)
        {
            // The same events appended twice are a no-op (a retried append); different ones are a lost race.
            var stored = await PostgresJournalRows.StoredJsonAsync(connection, transaction, append.RunId, append.ExpectedSequence, append.ExpectedSequence + firstNew, CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < firstNew; i++)
            {
                var json = stored[i] ?? pendingJson.GetValueOrDefault((append.RunId, append.ExpectedSequence + i));
                if (!string.Equals(json, append.Rows[i].Json, StringComparison.Ordinal))
                {
                    throw JournalBatch.Conflict(append.RunId, append.ExpectedSequence, summary, append.Events[i]);
                }
            }
        }

        return (JournalBatch.FoldNew(append.RunId, summary, append.Events, firstNew), firstNew);
    }

    private static async ValueTask<Dictionary<string, RunSummary>> LockRunsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingAppend> appends)
    {
        // A first append makes its run's row (no events yet), so the lock below has a row to hold against a
        // concurrent first append from another process.
        var creating = appends.Where(a => a.ExpectedSequence == 0 && a.Events.Count > 0).DistinctBy(a => a.RunId).OrderBy(a => a.RunId, StringComparer.Ordinal).ToList();
        var runIds = appends.Select(a => a.RunId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            if (creating.Count > 0)
            {
                var insert = new NpgsqlBatchCommand(
                    "INSERT INTO baton_runs (run_id, orchestration, started_at, event_count, summary_version) SELECT r, o, s, 0, 2 FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(r, o, s) ON CONFLICT (run_id) DO NOTHING;");
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. creating.Select(a => a.RunId)] });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. creating.Select(a => (a.Events[0] as RunStarted)?.Orchestration ?? string.Empty)] });
                insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. creating.Select(a => a.Events[0].Timestamp.UtcDateTime)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                batch.BatchCommands.Add(insert);
            }

            // Locked in run id order, so two processes locking overlapping groups cannot deadlock each other.
            var select = new NpgsqlBatchCommand($"SELECT {PostgresSummaryRows.Columns} FROM baton_runs WHERE run_id = ANY($1) ORDER BY run_id COLLATE \"C\" FOR UPDATE;");
            select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = runIds });
            batch.BatchCommands.Add(select);
            var current = new Dictionary<string, RunSummary>(StringComparer.Ordinal);
            var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                do
                {
                    while (reader.FieldCount > 0 && await reader.ReadAsync().ConfigureAwait(false))
                    {
                        if (PostgresSummaryRows.ReadOrNull(reader) is { } summary)
                        {
                            current[summary.RunId] = summary;
                        }
                    }
                }
                while (await reader.NextResultAsync().ConfigureAwait(false));
            }

            return current;
        }
    }

    private void Remember(RunSummary summary)
    {
        lock (_knownGate)
        {
            if (summary.Status != RunStatus.Running)
            {
                _known.Remove(summary.RunId);
                return;
            }

            if (_known.Count >= MaxKnownRuns && !_known.ContainsKey(summary.RunId))
            {
                _known.Clear();
            }

            _known[summary.RunId] = summary;
        }
    }

    private void Forget(string runId)
    {
        lock (_knownGate)
        {
            _known.Remove(runId);
        }
    }

    private Exception Translate(PendingAppend append, Exception ex) =>
        ex is PostgresException { SqlState: "23505" }
            ? new JournalConcurrencyException(append.RunId, $"Run '{append.RunId}' was advanced by another writer while appending at {append.ExpectedSequence}. This execution stops; read the journal again to continue the run.", ex)
            : PostgresErrors.Translate(ex, location);

    private sealed class PendingAppend(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, IReadOnlyList<SerializedJournalEvent> rows)
    {
        public string RunId { get; } = runId;

        public long ExpectedSequence { get; } = expectedSequence;

        public IReadOnlyList<JournalEvent> Events { get; } = events;

        public IReadOnlyList<SerializedJournalEvent> Rows { get; } = rows;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
