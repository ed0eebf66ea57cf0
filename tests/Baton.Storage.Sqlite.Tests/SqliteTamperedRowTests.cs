using Baton.Journal;
using Microsoft.Data.Sqlite;
using static Baton.Conformance.JournalSamples;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>
/// A journal row changed outside Baton is reported for its run and sequence (<see cref="UnreadableJournalException"/>);
/// the other runs still list and read.
/// </summary>
public sealed class SqliteTamperedRowTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, long, string> Tampering => new()
    {
        { "bad JSON", "UPDATE events SET json = '{\"kind\":\"handoff\",' WHERE run_id = 'victim' AND seq = 3;", 3, "not a readable journal event" },
        { "newer schema version", "UPDATE events SET schema_version = 9 WHERE run_id = 'victim' AND seq = 2;", 2, "schema version 9" },
        { "unknown kind", "UPDATE events SET json = replace(json, '\"kind\":\"agent_failed\"', '\"kind\":\"telepathy\"') WHERE run_id = 'victim' AND seq = 3;", 3, "not a readable journal event" },
        { "sequence gap", "DELETE FROM events WHERE run_id = 'victim' AND seq = 4;", 4, "is missing" },
        { "moved row", "UPDATE events SET json = replace(json, '\"sequence\":5', '\"sequence\":6') WHERE run_id = 'victim' AND seq = 5;", 5, "says it is #6" },
        { "null JSON", "UPDATE events SET json = CAST(x'00ff' AS BLOB) WHERE run_id = 'victim' AND seq = 1;", 1, "journal event at sequence 1" },
        { "text sequence", "UPDATE events SET schema_version = 'two' WHERE run_id = 'victim' AND seq = 6;", 6, "schema version is not a number" },
        { "no run_started", "UPDATE events SET json = replace(json, '\"kind\":\"run_started\"', '\"kind\":\"run_ended\"') WHERE run_id = 'victim' AND seq = 0;", 0, "sequence 0: the stored event" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Read_TamperedRow_NamesRunAndSequenceAndOtherRunsStillWork(string what, string sql, long sequence, string message)
    {
        var path = _directory.File($"{what.Replace(' ', '-')}.db");
        await using var store = new SqliteRunStore(path);
        foreach (var runId in new[] { "before", "victim", "after" })
        {
            await store.AppendAsync(runId, 0, ForRun(AllKindsV2(runId), runId), Ct);
        }

        await SqliteStoreFileTests.ExecuteAsync(path, sql);

        var error = await Assert.ThrowsAsync<UnreadableJournalException>(async () => await store.ReadAsync("victim", Ct));
        Assert.Equal(("victim", sequence), (error.RunId, error.Sequence));
        Assert.Contains($"Run 'victim', journal event at sequence {sequence}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(["after", "before", "victim"], (await store.ListRunsAsync(10, Ct)).Select(r => r.RunId).Order());
        Assert.Equal(9, (await store.ReadAsync("before", Ct)).Count);
        Assert.Equal(9, (await store.ReadAsync("after", Ct)).Count);
        Assert.Single(await store.FindRunsAsync("vic", 5, Ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
