using System.Globalization;
using Baton.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Reads and writes journal rows inside a connection the caller owns.</summary>
internal static class SqliteJournalRows
{
    /// <summary>
    /// Appends one batch and updates the run's summary row, inside the caller's transaction: the checks are
    /// <see cref="JournalBatch"/>'s (sequence, lease fencing, idempotent re-append).
    /// </summary>
    public static async ValueTask AppendAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string runId,
        long expectedSequence,
        IReadOnlyList<JournalEvent> events,
        IReadOnlyList<SerializedJournalEvent> rows,
        CancellationToken cancellationToken)
    {
        var current = await SqliteSummaryRows.FindAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        var count = current?.EventCount ?? 0;
        if (expectedSequence > count)
        {
            throw JournalConcurrencyException.For(runId, expectedSequence, count);
        }

        JournalBatch.ThrowIfStale(runId, current, events);
        var firstNew = (int)Math.Min(rows.Count, count - expectedSequence);
        for (var i = 0; i < firstNew; i++)
        {
            // The same event appended twice is a no-op (a retried append); a different one is a lost race.
            var stored = await StoredJsonAsync(connection, transaction, runId, expectedSequence + i, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(stored, rows[i].Json, StringComparison.Ordinal))
            {
                throw JournalBatch.Conflict(runId, expectedSequence, current, events[i]);
            }
        }

        if (firstNew == rows.Count)
        {
            return;
        }

        var summary = JournalBatch.FoldNew(runId, current, events, firstNew)!;
        for (var i = firstNew; i < rows.Count; i++)
        {
            await InsertEventAsync(connection, transaction, rows[i], cancellationToken).ConfigureAwait(false);
        }

        await SqliteSummaryRows.UpsertAsync(connection, transaction, summary, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(SqliteConnection connection, string runId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, schema_version, json FROM events WHERE run_id = $run ORDER BY seq;";
        command.Parameters.AddWithValue("$run", runId);
        var events = new List<JournalEvent>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(ReadRow(reader, runId, events.Count));
        }

        return events;
    }

    /// <summary>Reads a run's events up to the first that cannot be read, and counts all of its stored rows (for the migration).</summary>
    public static async ValueTask<(IReadOnlyList<JournalEvent> Events, long StoredRows)> ReadReadablePrefixAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, schema_version, json FROM events WHERE run_id = $run ORDER BY seq;";
        command.Parameters.AddWithValue("$run", runId);
        var events = new List<JournalEvent>();
        var stored = 0L;
        var readable = true;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored = Math.Max(stored, (reader.GetValue(0) is long seq ? seq : stored) + 1);
            if (!readable)
            {
                continue;
            }

            try
            {
                events.Add(ReadRow(reader, runId, events.Count));
            }
            catch (UnreadableJournalException)
            {
                readable = false;
            }
        }

        return (events, stored);
    }

    private static JournalEvent ReadRow(SqliteDataReader reader, string runId, long expected)
    {
        // Rows are hostile input (a file anyone may edit): every column is checked, and a bad one names the run and sequence.
        if (reader.GetValue(0) is not long seq)
        {
            throw new UnreadableJournalException(runId, expected, "the stored sequence number is not a number. The store was changed outside Baton; restore it from a backup.", null);
        }

        JournalSerializer.ThrowIfGap(runId, expected, seq);
        if (reader.GetValue(1) is not long version || version is < int.MinValue or > int.MaxValue)
        {
            throw new UnreadableJournalException(runId, seq, "the stored schema version is not a number. The store was changed outside Baton; restore it from a backup.", null);
        }

        var json = reader.GetValue(2) as string;
        return JournalSerializer.DeserializeStored(runId, seq, json, (int)version);
    }

    private static async ValueTask<string?> StoredJsonAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, long seq, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT json FROM events WHERE run_id = $run AND seq = $seq;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$seq", seq);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
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
