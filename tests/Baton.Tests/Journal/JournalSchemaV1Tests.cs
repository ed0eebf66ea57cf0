using ConformanceSamples = Baton.Conformance.JournalSamples;
using Baton.Journal;
using Baton.Testing;

namespace Baton.Tests.Journal;

/// <summary>
/// Journals written by schema version 1 (Recordings/v1-all-event-kinds.jsonl, one event of every kind, frozen
/// when version 1 shipped) must load in every later version.
/// </summary>
public sealed class JournalSchemaV1Tests
{
    private static readonly string s_golden = Path.Combine(AppContext.BaseDirectory, "Journal", "Recordings", "v1-all-event-kinds.jsonl");

    [Fact]
    public void Read_V1Journal_LoadsEveryEventKindAndFolds()
    {
        var events = JournalFile.Read(s_golden);

        Assert.Equal(
            ["run_started", "handoff", "agent_called", "agent_failed", "agent_called", "agent_answered", "output_recorded", "run_resumed", "run_ended"],
            events.Select(e => e.Kind));
        var state = RunState.FromEvents(events);
        Assert.Equal(RunStatus.Completed, state.Status);
        Assert.Equal("draft", state.FinalOutputName);
        Assert.Equal(13, state.TotalTokens);
        Assert.Equal(1.5, state.Context!.Outputs["draft"].Value.GetProperty("n").GetDouble());
    }

    [Fact]
    public void Read_V1Journal_MatchesTheEventsVersion1Wrote()
    {
        var events = JournalFile.Read(s_golden);

        // The golden file was written from these samples; reading it must give the same events back.
        Assert.Equal(
            ConformanceSamples.Json(ConformanceSamples.AllKinds("golden-v1")),
            ConformanceSamples.Json(events));
    }

    [Fact]
    public void Serialize_V1Journal_WritesEveryEventBackByteForByte()
    {
        // Version 2 only added optional fields, omitted when unset: a version 1 event read today is written back as
        // version 1 wrote it, so a store holding both versions never rewrites history.
        var lines = File.ReadAllLines(s_golden).Skip(1).Where(l => l.Length > 0);

        Assert.Equal(lines, JournalFile.Read(s_golden).Select(JournalSerializer.Serialize));
    }
}
