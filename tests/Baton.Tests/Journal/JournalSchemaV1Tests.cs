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
    private static readonly int s_currentVersion = JournalSerializer.CurrentSchemaVersion;
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
    public void Serialize_CurrentVersion1_WritesTheGoldenBytes()
    {
        Assert.SkipWhen(
            s_currentVersion != 1,
            "The schema moved past version 1; version 1 journals are covered by the read tests above.");

        var lines = File.ReadAllLines(s_golden).Skip(1);

        Assert.Equal(lines, JournalFile.Read(s_golden).Select(JournalSerializer.Serialize));
    }
}
