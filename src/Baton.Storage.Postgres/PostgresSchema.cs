using Baton.Journal;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>Creates, checks and migrates the store's tables; automatic and idempotent.</summary>
/// <remarks>
/// Layout 1: <c>baton_events</c> and <c>baton_runs(run_id, orchestration, started_at, event_count)</c>. Layout 2:
/// <c>baton_runs</c> becomes each run's summary row (status, counts, tokens, last event, lease) with an index for
/// id-prefix lookups. Every statement is <c>IF NOT EXISTS</c>, run under an advisory lock so several processes can
/// start at once; rows written by layout 1 (<c>summary_version</c> 0) have their summary folded from their journal
/// once, in the same transaction. <c>baton_runs</c> is updated with every append, so its pages keep half their space
/// free (<c>fillfactor = 50</c>): the update of a run's row then stays on its page (a HOT update, no index writes)
/// and autovacuum visits it early.
/// </remarks>
internal static class PostgresSchema
{
    public const int SummaryVersion = 2;

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
        ALTER TABLE baton_runs
            ADD COLUMN IF NOT EXISTS summary_version integer     NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS task_preview    text        NOT NULL DEFAULT '',
            ADD COLUMN IF NOT EXISTS status          text        NOT NULL DEFAULT 'Running',
            ADD COLUMN IF NOT EXISTS reason          text,
            ADD COLUMN IF NOT EXISTS ended_at        timestamptz,
            ADD COLUMN IF NOT EXISTS step_count      integer     NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS input_tokens    bigint      NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS output_tokens   bigint      NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS last_kind       text        NOT NULL DEFAULT '',
            ADD COLUMN IF NOT EXISTS last_at         timestamptz,
            ADD COLUMN IF NOT EXISTS lease_epoch     bigint      NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS lease_owner     text,
            ADD COLUMN IF NOT EXISTS lease_since     timestamptz;
        CREATE INDEX IF NOT EXISTS baton_runs_by_id ON baton_runs ((run_id COLLATE "C"));
        ALTER TABLE baton_runs SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02);
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

                await BackfillSummariesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Folds the summary row of every run written by layout 1 (or left half-made), once.</summary>
    private static async ValueTask BackfillSummariesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var runIds = new List<string>();
        var select = new NpgsqlCommand("SELECT run_id FROM baton_runs WHERE summary_version < 2 AND event_count > 0;", connection, transaction);
        await using (select.ConfigureAwait(false))
        {
            var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    runIds.Add(reader.GetString(0));
                }
            }
        }

        foreach (var runId in runIds)
        {
            // A damaged journal must not stop the migration: its summary folds the readable events before the damage
            // (reading the run then reports the bad row) and keeps the stored event count, so appends stay in place.
            var (events, stored) = await PostgresJournalRows.ReadReadablePrefixAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            if (events.Count > 0)
            {
                await PostgresSummaryRows.WriteAsync(connection, transaction, [RunSummary.FromEvents(events) with { EventCount = stored }], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var mark = new NpgsqlCommand("UPDATE baton_runs SET summary_version = 2 WHERE run_id = $1;", connection, transaction);
                await using (mark.ConfigureAwait(false))
                {
                    mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
                    await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
