using Baton.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Storage.Postgres;

/// <summary>Reads and writes journal rows inside a connection the caller owns.</summary>
internal static class PostgresJournalRows
{
    /// <summary>Inserts rows given as six arrays: <c>$first</c>..<c>$first+5</c> (run id, seq, kind, schema version, json, timestamp).</summary>
    public static string InsertSql(int first) =>
        $"INSERT INTO baton_events (run_id, seq, kind, schema_version, json, timestamp) SELECT * FROM unnest(${first}::text[], ${first + 1}::bigint[], ${first + 2}::text[], ${first + 3}::integer[], ${first + 4}::text[], ${first + 5}::timestamptz[])";

    /// <summary>Adds the rows as the six array parameters <see cref="InsertSql"/> reads.</summary>
    public static void AddArrays(NpgsqlParameterCollection parameters, IReadOnlyList<SerializedJournalEvent> rows)
    {
        var n = rows.Count;
        var runIds = new string[n];
        var seqs = new long[n];
        var kinds = new string[n];
        var versions = new int[n];
        var json = new string[n];
        var timestamps = new DateTime[n];
        for (var i = 0; i < n; i++)
        {
            var e = rows[i].Event;
            runIds[i] = e.RunId;
            seqs[i] = e.Sequence;
            kinds[i] = e.Kind;
            versions[i] = JournalSerializer.CurrentSchemaVersion;
            json[i] = rows[i].Json;
            timestamps[i] = e.Timestamp.UtcDateTime;
        }

        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = runIds });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kinds });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = versions });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = json });
        parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = timestamps, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
    }

    public static async ValueTask<IReadOnlyList<string?>> StoredJsonAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string runId, long from, long to, CancellationToken cancellationToken)
    {
        var stored = new string?[to - from];
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
                    stored[reader.GetInt64(0) - from] = reader.GetString(1);
                }
            }
        }

        return stored;
    }

    public static async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        var events = new List<JournalEvent>();
        var command = new NpgsqlCommand("SELECT seq, schema_version, json FROM baton_events WHERE run_id = $1 ORDER BY seq;", connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var seq = reader.GetInt64(0);
                    JournalSerializer.ThrowIfGap(runId, events.Count, seq);
                    events.Add(JournalSerializer.DeserializeStored(runId, seq, reader.GetString(2), reader.GetInt32(1)));
                }
            }
        }

        return events;
    }

    /// <summary>Reads a run's events up to the first that cannot be read, and the number of rows stored (for the migration).</summary>
    public static async ValueTask<(IReadOnlyList<JournalEvent> Events, long StoredRows)> ReadReadablePrefixAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        var events = new List<JournalEvent>();
        var stored = 0L;
        var readable = true;
        var command = new NpgsqlCommand("SELECT seq, schema_version, json FROM baton_events WHERE run_id = $1 ORDER BY seq;", connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var seq = reader.GetInt64(0);
                    stored = Math.Max(stored, seq + 1);
                    if (!readable)
                    {
                        continue;
                    }

                    try
                    {
                        JournalSerializer.ThrowIfGap(runId, events.Count, seq);
                        events.Add(JournalSerializer.DeserializeStored(runId, seq, reader.GetString(2), reader.GetInt32(1)));
                    }
                    catch (UnreadableJournalException)
                    {
                        readable = false;
                    }
                }
            }
        }

        return (events, stored);
    }
}
