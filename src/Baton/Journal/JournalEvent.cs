using System.Text.Json.Serialization;

namespace Baton.Journal;

/// <summary>
/// One entry of a run's append-only journal. The journal is the single source of a run's state: results,
/// resume, replay, inspection and telemetry all read it.
/// </summary>
/// <remarks>
/// Events are immutable once appended: the run stamps <see cref="RunId"/>, <see cref="Sequence"/> and
/// <see cref="Timestamp"/> on a new event when it is first appended (on a copy if the event already belongs to a
/// run). <see cref="Sequence"/> numbers a run's events from 0 without gaps; <see cref="EventId"/>
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
[JsonDerivedType(typeof(InputRequested), "input_requested")]
[JsonDerivedType(typeof(InputProvided), "input_provided")]
[JsonDerivedType(typeof(InputTimedOut), "input_timed_out")]
public abstract record JournalEvent
{
    private string _runId = string.Empty;
    private long _sequence;
    private DateTimeOffset _timestamp;
    private long _leaseEpoch;

    /// <summary>Gets the id of the run the event belongs to.</summary>
    public string RunId { get => _runId; init => _runId = value ?? string.Empty; }

    /// <summary>Gets the 0-based position of the event in its run's journal.</summary>
    public long Sequence { get => _sequence; init => _sequence = value; }

    /// <summary>Gets when the event happened, from the run's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get => _timestamp; init => _timestamp = value; }

    /// <summary>
    /// Gets the lease epoch of the execution that wrote the event (schema version 2): 1 for the execution that
    /// started the run, one more for each resume. 0 for events written without a lease (schema version 1).
    /// </summary>
    /// <remarks>A store refuses an event whose epoch is older than the run's current lease (see <see cref="IRunStore"/>).</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long LeaseEpoch { get => _leaseEpoch; init => _leaseEpoch = value; }

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

    /// <summary>
    /// Stamps an event that was never appended (its <see cref="RunId"/> is empty) in place (run id, sequence,
    /// timestamp and the writer's lease epoch), so the journal keeps it
    /// without a copy. Returns <see langword="false"/>, changing nothing, for an event that already belongs to a
    /// run: the caller stores a stamped copy instead. Atomic, so one event object can never be claimed twice.
    /// </summary>
    internal bool TryStampInPlace(string runId, long sequence, DateTimeOffset timestamp, long leaseEpoch)
    {
        if (!ReferenceEquals(Interlocked.CompareExchange(ref _runId, runId, string.Empty), string.Empty))
        {
            return false;
        }

        _sequence = sequence;
        _timestamp = timestamp;
        _leaseEpoch = leaseEpoch;
        return true;
    }
}
