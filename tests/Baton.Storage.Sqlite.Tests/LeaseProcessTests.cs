using Baton.Journal;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>Leases across real processes sharing one SQLite file: a paused owner is fenced once another process resumes the run.</summary>
public sealed class LeaseProcessTests
{
    [Fact]
    public async Task Resume_WhileTheFirstProcessWaitsOnAModel_FirstIsFencedAndTheRunCompletesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory();
        var (database, requestLog, runId) = (directory.File("runs.db"), directory.File("requests.log"), "lease-process");

        // Process A holds the run (lease 1) and is stuck inside the outliner's model call.
        await using var first = CrashHostSession.Start("run", database, requestLog, runId, seed: 1);
        await first.RunUntilAsync("sent outliner", ct);

        // Process B resumes it (lease 2): the in-flight call is re-sent and the run completes.
        var second = await CrashHostProcess.RunAsync("resume", database, requestLog, runId, 2, null, ct);
        Assert.Contains("done Completed", second.Lines);

        // A's model finally answers: its append is refused by the store, and A stops without writing.
        var exit = await first.RunToEndAsync(ct);
        Assert.Equal(3, exit);
        Assert.StartsWith($"lost LeaseLostException: Run '{runId}' is held by", first.Lines[^1], StringComparison.Ordinal);

        await using var store = new SqliteRunStore(database);
        var events = await store.ReadAsync(runId, ct);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Single(events.OfType<RunEnded>());
        var resumed = Assert.Single(events.OfType<RunResumed>());
        Assert.Equal((2L, true), (resumed.LeaseEpoch, resumed.ResendsInFlightCall));
        Assert.All(events.Where(e => e.Sequence > resumed.Sequence), e => Assert.Equal(2, e.LeaseEpoch));
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(events).Status);
        var sent = File.ReadAllLines(requestLog).Where(l => l.Length > 0).GroupBy(l => l.Split('\t')[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, sent["outliner"]);
        Assert.All(sent.Where(s => s.Key != "outliner"), s => Assert.Equal(1, s.Value));
    }
}
