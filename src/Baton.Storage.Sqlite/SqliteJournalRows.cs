using System.Globalization;
using Baton.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Reads and writes journal rows inside a connection the caller owns.</summary>
internal static class SqliteJournalRows
{
    public static async ValueTask AppendAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string runId,
        long expectedSequence,
        IReadOnlyList<SerializedJournalEvent> rows,
        CancellationToken cancellationToken)
    {
        var count = await CountAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        var position = expectedSequence;
        foreach (var row in rows)
        {
            if (position < count)
            {
                // The same event appended twice is a no-op (a retried append); a different one is a lost race.
                var stored = await StoredJsonAsync(connection, transaction, runId, position, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(stored, row.Json, StringComparison.Ordinal))
                {
                    throw JournalConcurrencyException.For(runId, expectedSequence, count);
                }
            }
            else if (position == count)
            {
                if (count == 0)
                {
                    await InsertRunAsync(connection, transaction, row.Event, cancellationToken).ConfigureAwait(false);
                }

                await InsertEventAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                count++;
            }
            else
            {
                throw JournalConcurrencyException.For(runId, expectedSequence, count);
            }

            position++;
        }
    }

    public static async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(SqliteConnection connection, string runId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT schema_version, json FROM events WHERE run_id = $run ORDER BY seq;";
        command.Parameters.AddWithValue("$run", runId);
        var events = new List<JournalEvent>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(JournalSerializer.Deserialize(reader.GetString(1), reader.GetInt32(0)));
        }

        return events;
    }

    private static async ValueTask<long> CountAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(seq) + 1, 0) FROM events WHERE run_id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }

    private static async ValueTask<string?> StoredJsonAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, long seq, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT json FROM events WHERE run_id = $run AND seq = $seq;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$seq", seq);
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask InsertRunAsync(SqliteConnection connection, SqliteTransaction transaction, JournalEvent first, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO runs (run_id, orchestration, started_at) VALUES ($run, $orchestration, $started);";
        command.Parameters.AddWithValue("$run", first.RunId);
        command.Parameters.AddWithValue("$orchestration", (first as RunStarted)?.Orchestration ?? string.Empty);
        command.Parameters.AddWithValue("$started", first.Timestamp.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask InsertEventAsync(SqliteConnection connection, SqliteTransaction transaction, SerializedJournalEvent row, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO events (run_id, seq, kind, schema_version, json, timestamp)
            VALUES ($run, $seq, $kind, $version, $json, $timestamp);
            """;
        command.Parameters.AddWithValue("$run", row.Event.RunId);
        command.Parameters.AddWithValue("$seq", row.Event.Sequence);
        command.Parameters.AddWithValue("$kind", row.Event.Kind);
        command.Parameters.AddWithValue("$version", JournalSerializer.CurrentSchemaVersion);
        command.Parameters.AddWithValue("$json", row.Json);
        command.Parameters.AddWithValue("$timestamp", row.Event.Timestamp.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
