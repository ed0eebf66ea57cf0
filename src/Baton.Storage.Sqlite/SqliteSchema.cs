using Baton.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Creates, checks and migrates the store's tables.</summary>
/// <remarks>
/// Layout versions, kept in <c>PRAGMA user_version</c>: 1 — <c>events</c> and <c>runs(run_id, orchestration,
/// started_at)</c>; 2 — <c>runs</c> becomes the summary row of each run (status, counts, tokens, last event, lease).
/// Opening a version 1 file migrates it once, in one transaction: the columns are added and each run's summary is
/// folded from its journal.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The layout version of the tables this Baton writes.</summary>
    public const int StoreVersion = 2;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS runs (
            run_id        TEXT    NOT NULL PRIMARY KEY,
            orchestration TEXT    NOT NULL,
            started_at    INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS runs_by_start ON runs (started_at DESC);
        CREATE TABLE IF NOT EXISTS events (
            run_id         TEXT    NOT NULL,
            seq            INTEGER NOT NULL,
            kind           TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            json           TEXT    NOT NULL,
            timestamp      TEXT    NOT NULL,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        """;

    // Version 2: the summary columns. Added with ALTER TABLE so a version 1 file keeps its rows.
    private static readonly string[] s_summaryColumns =
    [
        "summary_version INTEGER NOT NULL DEFAULT 0",
        "task_preview TEXT NOT NULL DEFAULT ''",
        "status TEXT NOT NULL DEFAULT 'Running'",
        "reason TEXT",
        "ended_at INTEGER",
        "step_count INTEGER NOT NULL DEFAULT 0",
        "input_tokens INTEGER NOT NULL DEFAULT 0",
        "output_tokens INTEGER NOT NULL DEFAULT 0",
        "event_count INTEGER NOT NULL DEFAULT 0",
        "last_kind TEXT NOT NULL DEFAULT ''",
        "last_at INTEGER NOT NULL DEFAULT 0",
        "lease_epoch INTEGER NOT NULL DEFAULT 0",
        "lease_owner TEXT",
        "lease_since INTEGER",
    ];

    public static async ValueTask EnsureAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        // The usual case reads only, so a store that is current opens without taking the write lock.
        if ((long)(await ScalarAsync(connection, null, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false) ?? 0L) == StoreVersion)
        {
            using var read = connection.BeginTransaction(deferred: true);
            await CheckOwnTablesAsync(connection, read, path, StoreVersion, await TablesAsync(connection, read, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = (long)(await ScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false) ?? 0L);
        var tables = await TablesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > StoreVersion)
        {
            throw new RunStoreUnavailableException(
                path,
                $"The run store {path} has layout version {version}, written by a newer Baton; this Baton knows version {StoreVersion}. Upgrade Baton to open it.",
                null);
        }

        if (version == 0 && tables.Count > 0)
        {
            throw ForeignDatabase(path, tables);
        }

        if (version >= 1)
        {
            await CheckOwnTablesAsync(connection, transaction, path, version, tables, cancellationToken).ConfigureAwait(false);
        }

        if (version == StoreVersion)
        {
            transaction.Commit();
            return;
        }

        // WAL is a property of the file: set once, it stays for every later connection and process. It cannot change
        // inside a transaction, so a new file gets it right after this one commits.
        await ExecuteAsync(connection, transaction, CreateTables, cancellationToken).ConfigureAwait(false);
        foreach (var column in s_summaryColumns)
        {
            await ExecuteAsync(connection, transaction, $"ALTER TABLE runs ADD COLUMN {column};", cancellationToken).ConfigureAwait(false);
        }

        if (version == 1)
        {
            await BackfillSummariesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"PRAGMA user_version={StoreVersion};", cancellationToken).ConfigureAwait(false);
        transaction.Commit();
        if (version == 0)
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Folds the summary row of every run that has none yet (files written by layout version 1).</summary>
    private static async ValueTask BackfillSummariesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var runIds = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT run_id FROM runs WHERE summary_version < 2;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runIds.Add(reader.GetString(0));
            }
        }

        foreach (var runId in runIds)
        {
            // A damaged journal must not stop the migration: its summary folds the readable events before the damage
            // (reading the run then reports the bad row), and counts every stored row so appends stay in place.
            var (events, stored) = await SqliteJournalRows.ReadReadablePrefixAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            if (events.Count > 0)
            {
                var summary = RunSummary.FromEvents(events) with { EventCount = stored };
                await SqliteSummaryRows.UpsertAsync(connection, transaction, summary, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SqliteSummaryRows.MarkUnreadableAsync(connection, transaction, runId, stored, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask CheckOwnTablesAsync(SqliteConnection connection, SqliteTransaction transaction, string path, long version, List<string> tables, CancellationToken cancellationToken)
    {
        if (!tables.Contains("runs") || !tables.Contains("events"))
        {
            throw ForeignDatabase(path, tables);
        }

        var columns = await ColumnsAsync(connection, transaction, "events", cancellationToken).ConfigureAwait(false);
        var runColumns = await ColumnsAsync(connection, transaction, "runs", cancellationToken).ConfigureAwait(false);
        string[] eventColumns = ["run_id", "seq", "kind", "schema_version", "json", "timestamp"];
        string[] runV1Columns = ["run_id", "orchestration", "started_at"];
        if (!eventColumns.All(columns.Contains) || !runV1Columns.All(runColumns.Contains) || (version >= 2 && !runColumns.Contains("lease_epoch")))
        {
            throw ForeignDatabase(path, tables);
        }
    }

    private static RunStoreUnavailableException ForeignDatabase(string path, List<string> tables) =>
        new(
            path,
            $"The file {path} is an SQLite database that Baton did not write (its tables: {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", ..." : string.Empty)}); Baton will not change it. Use a new file for the run store.",
            null);

    private static async ValueTask<List<string>> TablesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async ValueTask<HashSet<string>> ColumnsAsync(SqliteConnection connection, SqliteTransaction transaction, string table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}');";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async ValueTask<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
