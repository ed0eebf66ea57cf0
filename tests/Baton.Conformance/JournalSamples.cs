using System.Collections.Immutable;
using System.Text.Json;
using Baton.Guards;
using Baton.Journal;

namespace Baton.Conformance;

/// <summary>Builds journal events for store tests.</summary>
public static class JournalSamples
{
    private static readonly DateTimeOffset s_epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

    /// <summary>A fresh run id, unique per call.</summary>
    public static string NewRunId(string prefix = "run") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>The run_started event of a run.</summary>
    public static RunStarted Started(string runId, DateTimeOffset? at = null, string orchestration = "conformance") => new()
    {
        RunId = runId,
        Sequence = 0,
        Timestamp = at ?? s_epoch,
        Orchestration = orchestration,
        Task = "Write a haiku about résumés — \"quoted\" and\nmulti-line 🚀",
        Intent = "test the store",
        Constraints = ["short", "no rhymes"],
        Limits = RunLimits.Default,
    };

    /// <summary>The run_started event of a run that takes lease epoch 1 for <paramref name="owner"/> (schema version 2).</summary>
    public static RunStarted StartedWithLease(string runId, string owner = "worker-a", DateTimeOffset? at = null) =>
        Started(runId, at) with { LeaseEpoch = 1, LeaseOwner = owner };

    /// <summary>A run_resumed event that takes lease <paramref name="epoch"/> for <paramref name="owner"/>.</summary>
    public static RunResumed Resumed(string runId, long sequence, long epoch, string owner) => new()
    {
        RunId = runId,
        Sequence = sequence,
        Timestamp = s_epoch.AddSeconds(sequence),
        LeaseEpoch = epoch,
        LeaseOwner = owner,
        EventsBefore = sequence,
    };

    /// <summary>A handoff event written under lease <paramref name="epoch"/>.</summary>
    public static HandoffRecorded Handoff(string runId, long sequence, long epoch, string note = "next") =>
        Handoff(runId, sequence, note) with { LeaseEpoch = epoch };

    /// <summary>One event of every kind after run_started, numbered from 1.</summary>
    public static IReadOnlyList<JournalEvent> AllKinds(string runId)
    {
        var t = s_epoch;
        return
        [
            Started(runId, t),
            new HandoffRecorded { RunId = runId, Sequence = 1, Timestamp = t.AddSeconds(1), Step = 1, Agent = "writer", To = "writer", Outputs = ["draft"], Note = "go" },
            new AgentCalled
            {
                RunId = runId, Sequence = 2, Timestamp = t.AddSeconds(2), Step = 1, Agent = "writer", Attempt = 1,
                Messages = [new JournalMessage("system", "## Your role\nwriter"), new JournalMessage("user", "Task: ünïcödé")],
                RequestHash = "abc123", ContextTokens = 42,
            },
            new AgentFailed { RunId = runId, Sequence = 3, Timestamp = t.AddSeconds(3), Step = 1, Agent = "writer", ErrorType = "TimeoutException", Message = "slow", LatencyMs = 12.5 },
            new AgentCalled { RunId = runId, Sequence = 4, Timestamp = t.AddSeconds(4), Step = 1, Agent = "writer", Attempt = 2, RequestHash = "abc124" },
            new AgentAnswered
            {
                RunId = runId, Sequence = 5, Timestamp = t.AddSeconds(5), Step = 1, Agent = "writer", Attempt = 2, Text = "{\"a\":1}",
                InputTokens = 10, OutputTokens = 3, LatencyMs = 0.25, ModelId = "m", FinishReason = "stop", ServedBy = new OutputVia("fallback"), Retries = 1,
            },
            new OutputRecorded
            {
                RunId = runId, Sequence = 6, Timestamp = t.AddSeconds(6), Step = 1, Agent = "writer", Name = "draft",
                Value = JsonDocument.Parse("{\"lines\":[\"a\",\"b\"],\"n\":1.5,\"ok\":true,\"none\":null}").RootElement.Clone(), Summary = "a draft",
            },
            new RunResumed { RunId = runId, Sequence = 7, Timestamp = t.AddSeconds(7), EventsBefore = 7, ResendsInFlightCall = true },
            Ended(runId, 8, RunStatus.Completed, t.AddSeconds(8)),
        ];
    }

    /// <summary>
    /// <see cref="AllKinds"/> as schema version 2 writes it: every event carries its lease epoch, run_started takes
    /// lease 1 and records the spec, model and definition hash, run_resumed takes lease 2.
    /// </summary>
    public static IReadOnlyList<JournalEvent> AllKindsV2(string runId)
    {
        var events = AllKinds(runId);
        return
        [
            .. events.Select(e => e switch
            {
                RunStarted started => started with
                {
                    LeaseEpoch = 1,
                    LeaseOwner = "build-host:4242",
                    DefinitionHash = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                    SpecPath = "/home/ana/specs/haiku.yaml",
                    SpecHash = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                    Model = "openai:gpt-4o-mini",
                },
                RunResumed resumed => resumed with { LeaseEpoch = 2, LeaseOwner = "other-host:77" },
                _ => e with { LeaseEpoch = e.Sequence < 7 ? 1 : 2 },
            }),
        ];
    }

    /// <summary>A handoff event at a position; <paramref name="note"/> makes two events at one position differ.</summary>
    public static HandoffRecorded Handoff(string runId, long sequence, string note = "next") => new()
    {
        RunId = runId,
        Sequence = sequence,
        Timestamp = s_epoch.AddMilliseconds(sequence),
        Step = (int)sequence,
        Agent = "agent",
        To = "agent",
        Note = note,
    };

    /// <summary>The run_ended event of a run.</summary>
    public static RunEnded Ended(string runId, long sequence, RunStatus status, DateTimeOffset? at = null) => new()
    {
        RunId = runId,
        Sequence = sequence,
        Timestamp = at ?? s_epoch.AddMinutes(1),
        Status = status,
        Reason = status.ToString(),
        FinalOutput = status == RunStatus.Completed ? "draft" : null,
    };

    /// <summary>The events' JSON, for comparing what was written with what was read.</summary>
    public static IReadOnlyList<string> Json(IEnumerable<JournalEvent> events) => [.. events.Select(JournalSerializer.Serialize)];

    /// <summary>Clones events of one run under a new run id.</summary>
    public static ImmutableArray<JournalEvent> ForRun(IEnumerable<JournalEvent> events, string runId) =>
        [.. events.Select(e => e with { RunId = runId })];
}
