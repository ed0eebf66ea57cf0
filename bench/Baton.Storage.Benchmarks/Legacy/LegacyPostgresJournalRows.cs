using Baton.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Storage.Benchmarks.Legacy;

/// <summary>Reads and writes journal rows inside a connection the caller owns.</summary>
internal static class LegacyPostgresJournalRows
{
    /// <summary>Locks the run's row and returns its event count; creates the row when a run's first event arrives.</summary>
    public static async ValueTask<long> LockRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string runId, IReadOnlyList<SerializedJournalEvent> rows, CancellationToken cancellationToken)
    {
        var count = await SelectCountForUpdateAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        if (count is not null)
        {
            return count.Value;
        }

        var first = rows.Count > 0 ? rows[0].Event : null;
        if (first is null || first.Sequence != 0)
        {
            return 0;
        }

        // Concurrent creators: one inserts, the others wait for its commit and then insert nothing.
        var insert = new NpgsqlCommand(
            "INSERT INTO baton_runs (run_id, orchestration, started_at, event_count) VALUES ($1, $2, $3, 0) ON CONFLICT (run_id) DO NOTHING;",
            connection,
            transaction);
        await using (insert.ConfigureAwait(false))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = (first as RunStarted)?.Orchestration ?? string.Empty });
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = first.Timestamp.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await SelectCountForUpdateAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    public static async ValueTask<IReadOnlyDictionary<long, string>> StoredJsonAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string runId, long from, long to, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<long, string>();
        var command = new NpgsqlCommand("SELECT seq, json FROM baton_events WHERE run_id = $1 AND seq >= $2 AND seq < $3;", connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored[reader.GetInt64(0)] = reader.GetString(1);
                }
            }
        }

        return stored;
    }

    public static async ValueTask InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string runId, IReadOnlyList<SerializedJournalEvent> rows, long newCount, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                var insert = new NpgsqlBatchCommand(
                    "INSERT INTO baton_events (run_id, seq, kind, schema_version, json, timestamp) VALUES ($1, $2, $3, $4, $5, $6);");
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Event.Sequence });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Event.Kind });
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = JournalSerializer.CurrentSchemaVersion });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Json });
                insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = row.Event.Timestamp.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                batch.BatchCommands.Add(insert);
            }

            var update = new NpgsqlBatchCommand("UPDATE baton_runs SET event_count = $2 WHERE run_id = $1;");
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = newCount });
            batch.BatchCommands.Add(update);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        var events = new List<JournalEvent>();
        var command = new NpgsqlCommand("SELECT schema_version, json FROM baton_events WHERE run_id = $1 ORDER BY seq;", connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    events.Add(JournalSerializer.Deserialize(reader.GetString(1), reader.GetInt32(0)));
                }
            }
        }

        return events;
    }

    private static async ValueTask<long?> SelectCountForUpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT event_count FROM baton_runs WHERE run_id = $1 FOR UPDATE;", connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return result is long count ? count : null;
        }
    }
}
