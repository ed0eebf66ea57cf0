using System.Globalization;
using Baton.Journal;
using Microsoft.Data.Sqlite;
using static Baton.Conformance.JournalSamples;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>
/// A store file written by the previous Baton (layout 1: no summary rows, journal schema 1) is migrated once when
/// opened: summaries are folded from the journals, a damaged journal does not stop it, and opening again changes nothing.
/// </summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_Layout1File_FoldsSummariesOnceAndKeepsEveryEvent()
    {
        var path = await WriteLayout1FileAsync();

        await using (var store = new SqliteRunStore(path))
        {
            var runs = await store.ListRunsAsync(10, Ct);

            Assert.Equal(["open", "done", "damaged"], runs.Select(r => r.RunId));
            var done = runs[1];
            Assert.Equal((RunStatus.Completed, 9L, 1, 13L, "run_ended"), (done.Status, done.EventCount, done.StepCount, done.TotalTokens, done.LastEventKind));
            Assert.Equal(RunState.FromEvents(AsWritten(AllKinds("done"), s_start.AddMinutes(1))).ToSummary(), done);
            Assert.Equal((RunStatus.Running, 5L), (runs[0].Status, runs[0].EventCount));
            Assert.Equal(9, runs[2].EventCount);
            Assert.Null(runs[0].Lease);
            Assert.Equal(Json(AsWritten(AllKinds("done"), s_start.AddMinutes(1))), Json(await store.ReadAsync("done", Ct)));
            await Assert.ThrowsAsync<UnreadableJournalException>(async () => await store.ReadAsync("damaged", Ct));
        }

        Assert.Equal(2L, await SqliteStoreFileTests.ScalarAsync(path, "PRAGMA user_version;"));
        await SqliteStoreFileTests.ExecuteAsync(path, "UPDATE runs SET task_preview = 'kept' WHERE run_id = 'done';");
        SqliteConnection.ClearAllPools();
        await using (var again = new SqliteRunStore(path))
        {
            Assert.Equal("kept", (await again.FindRunsAsync("done", 1, Ct))[0].TaskPreview);
        }
    }

    [Fact]
    public async Task Append_ResumeOfALayout1Run_TakesLeaseOne()
    {
        var path = await WriteLayout1FileAsync();
        await using var store = new SqliteRunStore(path);

        await store.AppendAsync("open", 5, [Resumed("open", 5, epoch: 1, "upgraded")], Ct);

        var summary = (await store.FindRunsAsync("open", 1, Ct))[0];
        Assert.Equal(new RunLease(1, "upgraded", Resumed("open", 5, 1, "x").Timestamp), summary.Lease);
        Assert.Equal(6, summary.EventCount);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    /// <summary>Writes a file exactly as the previous Baton laid it out: three runs, one with a damaged row.</summary>
    private async Task<string> WriteLayout1FileAsync()
    {
        var path = _directory.File("v1.db");
        await SqliteStoreFileTests.ExecuteAsync(path, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE runs (run_id TEXT NOT NULL PRIMARY KEY, orchestration TEXT NOT NULL, started_at INTEGER NOT NULL);
            CREATE INDEX runs_by_start ON runs (started_at DESC);
            CREATE TABLE events (run_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, schema_version INTEGER NOT NULL,
                json TEXT NOT NULL, timestamp TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
            PRAGMA user_version=1;
            """);
        var start = s_start;
        await InsertRunAsync(path, "damaged", start, AllKinds("damaged"));
        await InsertRunAsync(path, "done", start.AddMinutes(1), AllKinds("done"));
        await InsertRunAsync(path, "open", start.AddMinutes(2), AllKinds("open").Take(5));
        await SqliteStoreFileTests.ExecuteAsync(path, "UPDATE events SET json = 'not json' WHERE run_id = 'damaged' AND seq = 4;");
        return path;
    }

    private static IEnumerable<JournalEvent> AsWritten(IEnumerable<JournalEvent> events, DateTimeOffset startedAt) =>
        events.Select(e => e is RunStarted s ? s with { Timestamp = startedAt } : e);

    private static async Task InsertRunAsync(string path, string runId, DateTimeOffset startedAt, IEnumerable<JournalEvent> events)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var transaction = connection.BeginTransaction();
        await using (var run = connection.CreateCommand())
        {
            run.CommandText = "INSERT INTO runs VALUES ($id, 'conformance', $started);";
            run.Parameters.AddWithValue("$id", runId);
            run.Parameters.AddWithValue("$started", startedAt.UtcTicks);
            await run.ExecuteNonQueryAsync(Ct);
        }

        foreach (var e in AsWritten(events, startedAt))
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events VALUES ($run, $seq, $kind, 1, $json, $ts);";
            insert.Parameters.AddWithValue("$run", runId);
            insert.Parameters.AddWithValue("$seq", e.Sequence);
            insert.Parameters.AddWithValue("$kind", e.Kind);
            insert.Parameters.AddWithValue("$json", JournalSerializer.Serialize(e));
            insert.Parameters.AddWithValue("$ts", e.Timestamp.ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await transaction.CommitAsync(Ct);
    }
}
