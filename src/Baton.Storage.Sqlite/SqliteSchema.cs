using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Creates and checks the store's tables.</summary>
internal static class SqliteSchema
{
    /// <summary>The layout version of the tables, kept in <c>PRAGMA user_version</c>.</summary>
    public const int StoreVersion = 1;

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

    public static async ValueTask EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, it stays for every later connection and process.
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = 0L;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "PRAGMA user_version;";
            version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        }

        if (version > StoreVersion)
        {
            throw new InvalidOperationException(
                $"The SQLite file '{connection.DataSource}' has store layout version {version}; this Baton knows version {StoreVersion}. Upgrade Baton to open it.");
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = CreateTables + $"PRAGMA user_version={StoreVersion};";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        transaction.Commit();
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
