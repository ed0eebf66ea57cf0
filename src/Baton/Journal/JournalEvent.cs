using System.Text.Json.Serialization;

namespace Baton.Journal;

/// <summary>
/// One entry of a run's append-only journal. The journal is the single source of a run's state: results,
/// resume, replay, inspection and telemetry all read it.
/// </summary>
/// <remarks>
/// Events are immutable. <see cref="Sequence"/> numbers a run's events from 0 without gaps; <see cref="EventId"/>
/// is derived from run id and sequence, so appending the same event twice is detectable and idempotent.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RunStarted), "run_started")]
[JsonDerivedType(typeof(AgentCalled), "agent_called")]
[JsonDerivedType(typeof(AgentAnswered), "agent_answered")]
[JsonDerivedType(typeof(AgentFailed), "agent_failed")]
[JsonDerivedType(typeof(OutputRecorded), "output_recorded")]
[JsonDerivedType(typeof(HandoffRecorded), "handoff")]
[JsonDerivedType(typeof(RunResumed), "run_resumed")]
[JsonDerivedType(typeof(RunEnded), "run_ended")]
[JsonDerivedType(typeof(RoutingDecided), "routing_decided")]
[JsonDerivedType(typeof(ReviewVerdictRecorded), "review_verdict")]
[JsonDerivedType(typeof(GuardTriggered), "guard_triggered")]
[JsonDerivedType(typeof(ValidationFailed), "validation_failed")]
[JsonDerivedType(typeof(FallbackUsed), "fallback_used")]
[JsonDerivedType(typeof(ContextCompressed), "context_compressed")]
public abstract record JournalEvent
{
    /// <summary>Gets the id of the run the event belongs to.</summary>
    public string RunId { get; init; } = string.Empty;

    /// <summary>Gets the 0-based position of the event in its run's journal.</summary>
    public long Sequence { get; init; }

    /// <summary>Gets when the event happened, from the run's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the step number the event belongs to (0 before the first agent call).</summary>
    public int Step { get; init; }

    /// <summary>Gets the agent the event concerns, if any.</summary>
    public string? Agent { get; init; }

    /// <summary>Gets the event's id: <c>{RunId}/{Sequence}</c>.</summary>
    [JsonIgnore]
    public string EventId => $"{RunId}/{Sequence}";

    /// <summary>Gets the event's kind as written in JSON (for example <c>agent_called</c>).</summary>
    [JsonIgnore]
    public string Kind => JournalEventKinds.Of(this);
}
