using System.Globalization;
using Baton.Journal;
using Npgsql;
using static Baton.Conformance.JournalSamples;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// Bad rows, layout-1 tables and unreachable servers against a real PostgreSQL server: typed errors that name the
/// run and sequence or the server, migration once, and the other runs unaffected.
/// </summary>
public sealed class PostgresStoreHardeningTests(PostgresServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, long, string> Tampering => new()
    {
        { "bad JSON", "UPDATE baton_events SET json = '{\"kind\":\"handoff\",' WHERE run_id = 'victim' AND seq = 3;", 3, "not a readable journal event" },
        { "newer schema version", "UPDATE baton_events SET schema_version = 9 WHERE run_id = 'victim' AND seq = 2;", 2, "schema version 9" },
        { "unknown kind", "UPDATE baton_events SET json = replace(json, '\"kind\":\"agent_failed\"', '\"kind\":\"telepathy\"') WHERE run_id = 'victim' AND seq = 3;", 3, "not a readable journal event" },
        { "sequence gap", "DELETE FROM baton_events WHERE run_id = 'victim' AND seq = 4;", 4, "is missing" },
        { "moved row", "UPDATE baton_events SET json = replace(json, '\"sequence\":5', '\"sequence\":6') WHERE run_id = 'victim' AND seq = 5;", 5, "says it is #6" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Read_TamperedRow_NamesRunAndSequenceAndOtherRunsStillWork(string what, string sql, long sequence, string message)
    {
        Assert.NotNull(what);
        var connectionString = await server.NewDatabaseAsync();
        await using var store = new PostgresRunStore(connectionString);
        foreach (var runId in new[] { "before", "victim", "after" })
        {
            await store.AppendAsync(runId, 0, ForRun(AllKindsV2(runId), runId), Ct);
        }

        await ExecuteAsync(connectionString, sql);

        var error = await Assert.ThrowsAsync<UnreadableJournalException>(async () => await store.ReadAsync("victim", Ct));
        Assert.Equal(("victim", sequence), (error.RunId, error.Sequence));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(["after", "before", "victim"], (await store.ListRunsAsync(10, Ct)).Select(r => r.RunId).Order());
        Assert.Equal(9, (await store.ReadAsync("after", Ct)).Count);
    }

    [Fact]
    public async Task Open_Layout1Tables_FoldsSummariesOnceAndKeepsEveryEvent()
    {
        var connectionString = await server.NewDatabaseAsync();
        await ExecuteAsync(connectionString, """
            CREATE TABLE baton_runs (run_id text NOT NULL PRIMARY KEY, orchestration text NOT NULL, started_at timestamptz NOT NULL, event_count bigint NOT NULL);
            CREATE INDEX baton_runs_by_start ON baton_runs (started_at DESC, run_id);
            CREATE TABLE baton_events (run_id text NOT NULL, seq bigint NOT NULL, kind text NOT NULL, schema_version integer NOT NULL,
                json text NOT NULL, timestamp timestamptz NOT NULL, PRIMARY KEY (run_id, seq));
            """);
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        await InsertLayout1RunAsync(connectionString, "done", start, AllKinds("done"));
        await InsertLayout1RunAsync(connectionString, "open", start.AddMinutes(1), AllKinds("open").Take(5));
        await InsertLayout1RunAsync(connectionString, "damaged", start.AddMinutes(2), AllKinds("damaged"));
        await ExecuteAsync(connectionString, "UPDATE baton_events SET json = 'not json' WHERE run_id = 'damaged' AND seq = 4;");

        // Two processes opening the old tables at once: the migration runs once.
        await using var first = new PostgresRunStore(connectionString);
        await using var second = new PostgresRunStore(connectionString);
        var lists = await Task.WhenAll(first.ListRunsAsync(10, Ct).AsTask(), second.ListRunsAsync(10, Ct).AsTask());

        var runs = lists[0];
        Assert.Equal(runs, lists[1]);
        Assert.Equal(["damaged", "open", "done"], runs.Select(r => r.RunId));
        Assert.Equal((RunStatus.Completed, 9L, 13L, "run_ended"), (runs[2].Status, runs[2].EventCount, runs[2].TotalTokens, runs[2].LastEventKind));
        Assert.Equal((RunStatus.Running, 5L), (runs[1].Status, runs[1].EventCount));
        Assert.Equal(9, runs[0].EventCount);
        await first.AppendAsync("open", 5, [Resumed("open", 5, epoch: 1, "upgraded")], Ct);
        Assert.Equal((1L, "upgraded"), ((await second.FindRunsAsync("open", 1, Ct))[0].Lease!.Epoch, (await second.FindRunsAsync("open", 1, Ct))[0].Lease!.Owner));
        await Assert.ThrowsAsync<UnreadableJournalException>(async () => await second.ReadAsync("damaged", Ct));
    }

    [Fact]
    public async Task Operations_ServerNotListening_ThrowUnavailableNamingTheServer()
    {
        var port = FreePort();
        await using var store = new PostgresRunStore($"Host=127.0.0.1;Port={port};Username=postgres;Password=secret-pw;Database=nothing;Timeout=3");

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () => await store.ListRunsAsync(5, Ct));

        Assert.Contains($"127.0.0.1:{port}/nothing", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_UnknownDatabase_ThrowUnavailableSayingSo()
    {
        var existing = new NpgsqlConnectionStringBuilder(await server.NewDatabaseAsync()) { Database = "no_such_database" };
        await using var store = new PostgresRunStore(existing.ConnectionString);

        var error = await Assert.ThrowsAsync<RunStoreUnavailableException>(async () => await store.AppendAsync("r", 0, [Started("r")], Ct));

        Assert.Contains("has no such database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_MalformedConnectionString_ThrowsArgumentException()
    {
        await Task.CompletedTask;

        var error = Assert.Throws<ArgumentException>(() => new PostgresRunStore("Host=localhost;Bogus Key=1"));

        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_ManyRunsAtOnce_EachAppendCommitsWithItsGroupAndSummariesMatch()
    {
        await using var store = new PostgresRunStore(await server.NewDatabaseAsync());
        var runIds = Enumerable.Range(0, 200).Select(i => string.Create(CultureInfo.InvariantCulture, $"bulk-{i:D3}")).ToArray();

        await Task.WhenAll(runIds.Select(runId => Task.Run(async () =>
        {
            var events = ForRun(AllKindsV2(runId), runId);
            for (var seq = 0; seq < events.Length; seq++)
            {
                await store.AppendAsync(runId, seq, [events[seq]], Ct);
            }
        }, Ct)));

        var listed = await store.ListRunsAsync(500, Ct);
        Assert.Equal(runIds.Length, listed.Count);
        Assert.All(listed, r => Assert.Equal(RunState.FromEvents(ForRun(AllKindsV2(r.RunId), r.RunId)).ToSummary(), r));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task InsertLayout1RunAsync(string connectionString, string runId, DateTimeOffset startedAt, IEnumerable<JournalEvent> events)
    {
        var list = events.Select(e => e is RunStarted s ? s with { Timestamp = startedAt } : e).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using (var run = new NpgsqlCommand("INSERT INTO baton_runs VALUES ($1, 'conformance', $2, $3);", connection))
        {
            run.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            run.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = startedAt.UtcDateTime });
            run.Parameters.Add(new NpgsqlParameter<long> { TypedValue = list.Count });
            await run.ExecuteNonQueryAsync(Ct);
        }

        foreach (var e in list)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO baton_events VALUES ($1, $2, $3, 1, $4, $5);", connection);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Sequence });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Kind });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JournalSerializer.Serialize(e) });
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = e.Timestamp.UtcDateTime });
            await insert.ExecuteNonQueryAsync(Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
