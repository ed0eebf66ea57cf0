using Baton.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Storage.Postgres;

/// <summary>Reads and writes <c>baton_runs</c>: one summary row per run, updated with each append.</summary>
internal static class PostgresSummaryRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns =
        "run_id, orchestration, started_at, task_preview, status, reason, ended_at, step_count, input_tokens, output_tokens, event_count, last_kind, last_at, lease_epoch, lease_owner, lease_since";

    /// <summary>The array parameters $1..$16 that <see cref="AddArrays"/> adds, typed, in the order of <see cref="Columns"/>.</summary>
    public const string Arrays =
        "$1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::integer[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[], $13::timestamptz[], $14::bigint[], $15::text[], $16::timestamptz[]";

    /// <summary>The statement <see cref="WriteAsync"/> runs, for callers that batch it.</summary>
    public const string UpdateSql =
        $"UPDATE baton_runs r SET {SetFromV} FROM unnest({Arrays}) AS v({Columns}) WHERE r.run_id = v.run_id;";

    /// <summary>The assignments that copy an <c>unnest</c> row <c>v</c> into the summary columns.</summary>
    public const string SetFromV = """
        summary_version = 2, orchestration = v.orchestration, started_at = v.started_at, task_preview = v.task_preview,
        status = v.status, reason = v.reason, ended_at = v.ended_at, step_count = v.step_count,
        input_tokens = v.input_tokens, output_tokens = v.output_tokens, event_count = v.event_count,
        last_kind = v.last_kind, last_at = v.last_at, lease_epoch = v.lease_epoch, lease_owner = v.lease_owner,
        lease_since = v.lease_since
        """;

    public static async ValueTask<IReadOnlyList<RunSummary>> ListAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var summaries = new List<RunSummary>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                summaries.Add(Read(reader));
            }
        }

        return summaries;
    }

    /// <summary>Reads one row of <see cref="Columns"/>; <see langword="null"/> for a row made for a run whose first append is under way (no events yet).</summary>
    public static RunSummary? ReadOrNull(NpgsqlDataReader reader) => reader.GetInt64(10) == 0 ? null : Read(reader);

    public static RunSummary Read(NpgsqlDataReader reader)
    {
        // Summary rows are written only by Baton; a status changed by hand is shown as it can be read, never thrown.
        var status = Enum.TryParse<RunStatus>(reader.GetString(4), ignoreCase: false, out var parsed) ? parsed : RunStatus.Failed;
        var leaseEpoch = reader.GetInt64(13);
        return new RunSummary
        {
            RunId = reader.GetString(0),
            Orchestration = reader.GetString(1),
            StartedAt = Time(reader, 2) ?? DateTimeOffset.MinValue,
            TaskPreview = reader.GetString(3),
            Status = status,
            Reason = reader.IsDBNull(5) ? null : reader.GetString(5),
            EndedAt = Time(reader, 6),
            StepCount = reader.GetInt32(7),
            InputTokens = reader.GetInt64(8),
            OutputTokens = reader.GetInt64(9),
            EventCount = reader.GetInt64(10),
            LastEventKind = reader.GetString(11),
            LastEventAt = Time(reader, 12) ?? DateTimeOffset.MinValue,
            Lease = leaseEpoch > 0 && !reader.IsDBNull(14)
                ? new RunLease(leaseEpoch, reader.GetString(14), Time(reader, 15) ?? DateTimeOffset.MinValue)
                : null,
        };
    }

    /// <summary>Adds the summaries as the 16 array parameters $1..$16 that <see cref="Arrays"/> declares.</summary>
    public static void AddArrays(NpgsqlParameterCollection parameters, IReadOnlyList<RunSummary> summaries)
    {
        var n = summaries.Count;
        var runIds = new string[n];
        var orchestrations = new string[n];
        var started = new DateTime[n];
        var tasks = new string[n];
        var statuses = new string[n];
        var reasons = new string?[n];
        var ended = new DateTime?[n];
        var steps = new int[n];
        var input = new long[n];
        var output = new long[n];
        var events = new long[n];
        var kinds = new string[n];
        var lastAt = new DateTime[n];
        var epochs = new long[n];
        var owners = new string?[n];
        var since = new DateTime?[n];
        for (var i = 0; i < n; i++)
        {
            var s = summaries[i];
            runIds[i] = s.RunId;
            orchestrations[i] = s.Orchestration;
            started[i] = s.StartedAt.UtcDateTime;
            tasks[i] = s.TaskPreview;
            statuses[i] = s.Status.ToString();
            reasons[i] = s.Reason;
            ended[i] = s.EndedAt?.UtcDateTime;
            steps[i] = s.StepCount;
            input[i] = s.InputTokens;
            output[i] = s.OutputTokens;
            events[i] = s.EventCount;
            kinds[i] = s.LastEventKind;
            lastAt[i] = s.LastEventAt.UtcDateTime;
            epochs[i] = s.Lease?.Epoch ?? 0;
            owners[i] = s.Lease?.Owner;
            since[i] = s.Lease?.Since.UtcDateTime;
        }

        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = runIds });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = orchestrations });
        parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = started, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tasks });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = statuses });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = reasons, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = ended, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = steps });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = input });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = output });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = events });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kinds });
        parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = lastAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = epochs });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = owners, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = since, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
    }

    /// <summary>Overwrites the summary rows of existing runs (one statement).</summary>
    public static async ValueTask WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RunSummary> summaries, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(UpdateSql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            AddArrays(command.Parameters, summaries);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
