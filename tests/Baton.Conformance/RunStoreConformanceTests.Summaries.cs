using Baton.Journal;
using static Baton.Conformance.JournalSamples;

namespace Baton.Conformance;

/// <summary>Summary rows: kept with each append, listed and found by id prefix without reading journals.</summary>
public abstract partial class RunStoreConformanceTests
{
    [Fact]
    public async Task ListRuns_AfterEveryKindOfEvent_SummaryMatchesTheFoldOfTheJournal()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        var events = AllKindsV2(runId);
        await store.AppendAsync(runId, 0, events.Take(3).ToList(), Ct);
        for (var seq = 3; seq < events.Count; seq++)
        {
            await store.AppendAsync(runId, seq, [events[seq]], Ct);
        }

        var listed = Assert.Single(await store.ListRunsAsync(10, Ct));

        var expected = RunState.FromEvents(events).ToSummary();
        Assert.Equal(expected, listed);
        Assert.Equal((1, 13L, 9L, "run_ended", RunStatus.Completed), (listed.StepCount, listed.TotalTokens, listed.EventCount, listed.LastEventKind, listed.Status));
        Assert.Equal(new RunLease(2, "other-host:77", events[7].Timestamp), listed.Lease);
        Assert.StartsWith("Write a haiku about résumés — \"quoted\" and multi-line 🚀", listed.TaskPreview, StringComparison.Ordinal);
        Assert.Equal(events[^1].Timestamp, listed.EndedAt);
    }

    [Fact]
    public async Task ListRuns_AfterARefusedAppend_SummaryIsUnchanged()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();
        await store.AppendAsync(runId, 0, [StartedWithLease(runId), Handoff(runId, 1, epoch: 1)], Ct);
        var before = Assert.Single(await store.ListRunsAsync(10, Ct));

        await Assert.ThrowsAsync<JournalConcurrencyException>(async () => await store.AppendAsync(runId, 1, [Handoff(runId, 1, epoch: 1, "impostor")], Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(runId, 2, [Handoff(runId, 2, epoch: 9)], Ct));

        Assert.Equal(before, Assert.Single(await store.ListRunsAsync(10, Ct)));
    }

    [Fact]
    public async Task ListRuns_RefusedFirstAppend_ListsNoRun()
    {
        var store = await NewStoreAsync();
        var runId = NewRunId();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(runId, 0, [StartedWithLease(runId), Handoff(runId, 1, epoch: 3)], Ct));

        Assert.Empty(await store.ListRunsAsync(10, Ct));
        Assert.Empty(await store.FindRunsAsync(runId, 10, Ct));
    }

    [Fact]
    public async Task FindRuns_ByPrefix_ReturnsTheMatchingRunsInIdOrder()
    {
        var store = await NewStoreAsync();
        string[] ids = ["0197ab-2", "0197ab-1", "0197ac-1", "0198zz", "0197a"];
        foreach (var id in ids)
        {
            await store.AppendAsync(id, 0, [Started(id)], Ct);
        }

        Assert.Equal(["0197ab-1", "0197ab-2"], (await store.FindRunsAsync("0197ab", 10, Ct)).Select(r => r.RunId));
        Assert.Equal(["0197a", "0197ab-1", "0197ab-2", "0197ac-1"], (await store.FindRunsAsync("0197a", 10, Ct)).Select(r => r.RunId));
        Assert.Equal(["0197a", "0197ab-1"], (await store.FindRunsAsync("0197a", 2, Ct)).Select(r => r.RunId));
        Assert.Equal(["0198zz"], (await store.FindRunsAsync("0198zz", 10, Ct)).Select(r => r.RunId));
        Assert.Empty(await store.FindRunsAsync("0199", 10, Ct));
        Assert.Empty(await store.FindRunsAsync("0197AB", 10, Ct));
        Assert.Equal("conformance", (await store.FindRunsAsync("0198", 1, Ct))[0].Orchestration);
    }

    [Fact]
    public async Task FindRuns_PrefixWithLikeAndRangeSpecialCharacters_MatchesLiterally()
    {
        var store = await NewStoreAsync();
        string[] ids = ["a%b_c", "a%bxc", "aXb_c", "a\\b", "é-ünï"];
        foreach (var id in ids)
        {
            await store.AppendAsync(id, 0, [Started(id)], Ct);
        }

        Assert.Equal(["a%b_c"], (await store.FindRunsAsync("a%b_", 10, Ct)).Select(r => r.RunId));
        Assert.Equal(["a\\b"], (await store.FindRunsAsync("a\\", 10, Ct)).Select(r => r.RunId));
        Assert.Equal(["é-ünï"], (await store.FindRunsAsync("é-", 10, Ct)).Select(r => r.RunId));
    }

    [Fact]
    public async Task FindRuns_EmptyPrefix_ThrowsArgumentException()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.FindRunsAsync(string.Empty, 10, Ct));
    }
}
