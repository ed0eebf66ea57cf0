using Npgsql;

namespace Baton.Storage.Benchmarks.Legacy;

/// <summary>Creates the store's tables.</summary>
internal static class LegacyPostgresSchema
{
    // Any fixed number: it keeps several processes from creating the tables at the same moment, which
    // PostgreSQL would otherwise report as a unique violation on its catalog.
    private const long SchemaLockKey = 0x42_61_74_6F_6E_01;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS baton_runs (
            run_id        text        NOT NULL PRIMARY KEY,
            orchestration text        NOT NULL,
            started_at    timestamptz NOT NULL,
            event_count   bigint      NOT NULL
        );
        CREATE INDEX IF NOT EXISTS baton_runs_by_start ON baton_runs (started_at DESC, run_id);
        CREATE TABLE IF NOT EXISTS baton_events (
            run_id         text        NOT NULL,
            seq            bigint      NOT NULL,
            kind           text        NOT NULL,
            schema_version integer     NOT NULL,
            json           text        NOT NULL,
            timestamp      timestamptz NOT NULL,
            PRIMARY KEY (run_id, seq)
        );
        """;

    public static async ValueTask EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey}); {CreateTables}", connection, transaction);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
