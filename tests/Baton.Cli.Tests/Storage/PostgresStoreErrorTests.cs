using System.Text.Json;
using Baton.Journal;
using Baton.Storage.Postgres;
using Baton.Storage.Sqlite;
using Npgsql;

namespace Baton.Cli.Tests.Storage;

/// <summary>
/// Issue 11, class 3, on the cluster's journal: a row changed outside Baton in PostgreSQL is reported by <c>baton show
/// --postgres</c> as one line naming its run and sequence (exit 1), and <c>baton runs --postgres</c> still lists every
/// run — as with the SQLite store.
/// </summary>
public sealed class PostgresStoreErrorTests(PostgresCliFixture server) : IClassFixture<PostgresCliFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, long> Tampering => new()
    {
        { "bad JSON", "UPDATE baton_events SET json = '{\"kind\":' WHERE run_id = 'victim' AND seq = 2;", 2 },
        { "newer schema version", "UPDATE baton_events SET schema_version = 99 WHERE run_id = 'victim' AND seq = 1;", 1 },
        { "unknown kind", "UPDATE baton_events SET json = replace(json, '\"kind\":\"handoff\"', '\"kind\":\"martian\"') WHERE run_id = 'victim' AND seq = 1;", 1 },
        { "sequence gap", "DELETE FROM baton_events WHERE run_id = 'victim' AND seq = 3;", 3 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task ShowAndRuns_TamperedRowInPostgres_NamesRunAndSequenceAndHidesNoOtherRun(string what, string sql, long sequence)
    {
        Assert.NotNull(what);
        using var cli = new CliHarness();
        var connection = await server.NewDatabaseAsync();
        var events = await SampleRunAsync(cli);
        await using (var store = new PostgresRunStore(connection))
        {
            foreach (var id in new[] { "before", "victim", "after" })
            {
                await store.AppendAsync(id, 0, [.. events.Select(e => e with { RunId = id })], Ct);
            }
        }

        await ExecuteAsync(connection, sql);

        var show = await cli.RunAsync("show", "victim", "--postgres", connection);
        var runs = await cli.RunAsync("runs", "--postgres", connection, "--json");

        Assert.True(show.ExitCode == ExitCodes.Failed, show.ToString());
        var line = Assert.Single(show.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: Run 'victim', journal event at sequence {sequence}: ", line, StringComparison.Ordinal);
        Assert.True(runs.ExitCode == 0, runs.ToString());
        Assert.Equal(["after", "before", "victim"], JsonDocument.Parse(runs.Out).RootElement.EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).Order(StringComparer.Ordinal));
        var other = await cli.RunAsync("show", "after", "--postgres", connection);
        Assert.True(other.ExitCode == 0, other.ToString());
    }

    private static async Task<IReadOnlyList<JournalEvent>> SampleRunAsync(CliHarness cli)
    {
        var run = await cli.RunAsync("run", BadInputContext.Sample, "--model", "rehearsal", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        await using var store = new SqliteRunStore(cli.StorePath);
        return await store.ReadAsync(JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!, Ct);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.True(await command.ExecuteNonQueryAsync(Ct) >= 1, $"the tampering changed nothing: {sql}");
    }
}
