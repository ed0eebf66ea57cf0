using Baton.Journal;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Reads and writes the <c>runs</c> table: one summary row per run, updated with each append.</summary>
internal static class SqliteSummaryRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns =
        "run_id, orchestration, started_at, task_preview, status, reason, ended_at, step_count, input_tokens, output_tokens, event_count, last_kind, last_at, lease_epoch, lease_owner, lease_since";

    public static async ValueTask<RunSummary?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string runId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM runs WHERE run_id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public static async ValueTask<IReadOnlyList<RunSummary>> ListAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var summaries = new List<RunSummary>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(Read(reader));
        }

        return summaries;
    }

    public static RunSummary Read(SqliteDataReader reader)
    {
        // Summary rows are written only by Baton; a value changed by hand is shown as it can be read, never thrown.
        var status = Enum.TryParse<RunStatus>(Text(reader, 4), ignoreCase: false, out var parsed) ? parsed : RunStatus.Failed;
        var leaseEpoch = Long(reader, 13);
        return new RunSummary
        {
            RunId = Text(reader, 0),
            Orchestration = Text(reader, 1),
            StartedAt = Time(Long(reader, 2)),
            TaskPreview = Text(reader, 3),
            Status = status,
            Reason = reader.IsDBNull(5) ? null : Text(reader, 5),
            EndedAt = reader.IsDBNull(6) ? null : Time(Long(reader, 6)),
            StepCount = (int)Math.Clamp(Long(reader, 7), 0, int.MaxValue),
            InputTokens = Long(reader, 8),
            OutputTokens = Long(reader, 9),
            EventCount = Long(reader, 10),
            LastEventKind = Text(reader, 11),
            LastEventAt = Time(Long(reader, 12)),
            Lease = leaseEpoch > 0 && !reader.IsDBNull(14)
                ? new RunLease(leaseEpoch, Text(reader, 14), Time(reader.IsDBNull(15) ? 0 : Long(reader, 15)))
                : null,
        };
    }

    /// <summary>Inserts or updates the summary row of a run (the run id, orchestration and start never change, so an update leaves them and their index alone).</summary>
    public static async ValueTask UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, RunSummary summary, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO runs (summary_version, {Columns})
            VALUES (2, $run, $orchestration, $started, $task, $status, $reason, $ended, $steps, $input, $output, $events, $kind, $at, $epoch, $owner, $since)
            ON CONFLICT (run_id) DO UPDATE SET
                summary_version = 2, task_preview = excluded.task_preview, status = excluded.status, reason = excluded.reason,
                ended_at = excluded.ended_at, step_count = excluded.step_count, input_tokens = excluded.input_tokens,
                output_tokens = excluded.output_tokens, event_count = excluded.event_count, last_kind = excluded.last_kind,
                last_at = excluded.last_at, lease_epoch = excluded.lease_epoch, lease_owner = excluded.lease_owner,
                lease_since = excluded.lease_since;
            """;
        Bind(command, summary);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a run whose first event cannot be read as migrated, counting its stored rows.</summary>
    public static async ValueTask MarkUnreadableAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, long storedRows, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE runs SET summary_version = 2, event_count = $events WHERE run_id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$events", storedRows);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Bind(SqliteCommand command, RunSummary summary)
    {
        command.Parameters.AddWithValue("$run", summary.RunId);
        command.Parameters.AddWithValue("$orchestration", summary.Orchestration);
        command.Parameters.AddWithValue("$started", summary.StartedAt.UtcTicks);
        command.Parameters.AddWithValue("$task", summary.TaskPreview);
        command.Parameters.AddWithValue("$status", summary.Status.ToString());
        command.Parameters.AddWithValue("$reason", (object?)summary.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$ended", summary.EndedAt is { } ended ? ended.UtcTicks : DBNull.Value);
        command.Parameters.AddWithValue("$steps", summary.StepCount);
        command.Parameters.AddWithValue("$input", summary.InputTokens);
        command.Parameters.AddWithValue("$output", summary.OutputTokens);
        command.Parameters.AddWithValue("$events", summary.EventCount);
        command.Parameters.AddWithValue("$kind", summary.LastEventKind);
        command.Parameters.AddWithValue("$at", summary.LastEventAt.UtcTicks);
        command.Parameters.AddWithValue("$epoch", summary.Lease?.Epoch ?? 0);
        command.Parameters.AddWithValue("$owner", (object?)summary.Lease?.Owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", summary.Lease is { } lease ? lease.Since.UtcTicks : DBNull.Value);
    }

    private static string Text(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? string.Empty : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static long Long(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : reader.GetValue(ordinal) is long value ? value : 0;

    private static DateTimeOffset Time(long utcTicks) =>
        utcTicks is >= 0 and <= 3155378975999999999 ? new DateTimeOffset(utcTicks, TimeSpan.Zero) : DateTimeOffset.MinValue;
}
