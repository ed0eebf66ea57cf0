using ConformanceSamples = Baton.Conformance.JournalSamples;
using Baton.Journal;
using Baton.Testing;

namespace Baton.Tests.Journal;

/// <summary>
/// Journals written by schema version 2 (Recordings/v2-all-event-kinds.jsonl: one event of every kind with leases,
/// spec, model and definition hash, frozen when version 2 shipped) must load in every later version; version 1
/// events load next to them with no lease.
/// </summary>
public sealed class JournalSchemaV2Tests
{
    private static readonly string s_golden = Path.Combine(AppContext.BaseDirectory, "Journal", "Recordings", "v2-all-event-kinds.jsonl");
    private static readonly string s_goldenV1 = Path.Combine(AppContext.BaseDirectory, "Journal", "Recordings", "v1-all-event-kinds.jsonl");

    [Fact]
    public void Read_V2Journal_FoldsTheLeaseAndTheRunFacts()
    {
        WriteGoldenIfAsked();
        var events = JournalFile.Read(s_golden);

        var state = RunState.FromEvents(events);
        Assert.Equal(new RunLease(2, "other-host:77", events[7].Timestamp), state.Lease);
        Assert.Equal(("/home/ana/specs/haiku.yaml", "openai:gpt-4o-mini"), (state.SpecPath, state.Model));
        Assert.Equal(state.SpecHash, state.DefinitionHash);
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1, 2, 2], events.Select(e => e.LeaseEpoch));
        Assert.Equal(RunStatus.Completed, state.Status);
    }

    [Fact]
    public void Read_V2Journal_MatchesTheEventsVersion2Wrote()
    {
        var events = JournalFile.Read(s_golden);

        Assert.Equal(ConformanceSamples.Json(ConformanceSamples.AllKindsV2("golden-v2")), ConformanceSamples.Json(events));
    }

    [Fact]
    public void Serialize_CurrentVersion2_WritesTheGoldenBytes()
    {
        Assert.SkipWhen(JournalSerializer.CurrentSchemaVersion != 2, "The schema moved past version 2; version 2 journals are covered by the read tests above.");

        Assert.Equal(File.ReadAllLines(s_golden).Skip(1), JournalFile.Read(s_golden).Select(JournalSerializer.Serialize));
    }

    [Fact]
    public void Summary_V1Journal_FoldsWithoutALease()
    {
        var events = JournalFile.Read(s_goldenV1);

        var summary = RunSummary.FromEvents(events);

        Assert.Null(summary.Lease);
        Assert.Equal(RunState.FromEvents(events).ToSummary(), summary);
        Assert.Equal((1, 13L, "run_ended", 9L), (summary.StepCount, summary.TotalTokens, summary.LastEventKind, summary.EventCount));
    }

    /// <summary>Writes the golden file from the samples when BATON_UPDATE_JOURNAL_GOLDEN=1 (only while version 2 is current: it is then frozen).</summary>
    private static void WriteGoldenIfAsked()
    {
        if (Environment.GetEnvironmentVariable("BATON_UPDATE_JOURNAL_GOLDEN") != "1" || JournalSerializer.CurrentSchemaVersion != 2)
        {
            return;
        }

        var text = JournalFile.Format(ConformanceSamples.AllKindsV2("golden-v2"));
        File.WriteAllText(Path.Combine(Snapshots.Snapshot.RepositoryRoot(), "tests", "Baton.Tests", "Journal", "Recordings", "v2-all-event-kinds.jsonl"), text);
        File.WriteAllText(s_golden, text);
    }

    [Fact]
    public async Task Append_V1JournalToAStore_IsAcceptedAndAResumeTakesLeaseOne()
    {
        var events = JournalFile.Read(s_goldenV1);
        var store = new InMemoryRunStore();
        var open = events.Where(e => e is not RunEnded).ToList();
        await store.AppendAsync("golden-v1", 0, open, TestContext.Current.CancellationToken);

        await store.AppendAsync("golden-v1", open.Count, [ConformanceSamples.Resumed("golden-v1", open.Count, epoch: 1, "new-version")], TestContext.Current.CancellationToken);

        Assert.Equal(new RunLease(1, "new-version", ConformanceSamples.Resumed("golden-v1", open.Count, 1, "x").Timestamp), Assert.Single(await store.ListRunsAsync(5, TestContext.Current.CancellationToken)).Lease);
    }
}
