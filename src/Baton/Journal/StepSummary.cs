using System.Collections.ObjectModel;

namespace Baton.Journal;

/// <summary>
/// One step of a run, read from its journal: who handed what to whom, the calls made and their outcomes, the outputs
/// recorded, and the per-step figures telemetry, inspection and test reports show.
/// </summary>
/// <remarks>Built by <see cref="StepProjection"/>, the one place per-step figures are derived. Read-only for callers.</remarks>
public sealed class StepSummary
{
    private readonly List<CallSummary> _calls = [];
    private readonly List<InputSummary> _inputs = [];
    private readonly List<OutputRecorded> _outputs = [];
    private readonly List<JournalEvent> _events = [];
    private bool _fallbackUsed;
    private OutputVia _lastServedBy = OutputVia.Primary;

    internal StepSummary(int step, HandoffRecorded? handoff, string? previousAgent, DateTimeOffset start)
    {
        Step = step;
        Handoff = handoff;
        From = handoff is null ? previousAgent : handoff.From;
        Start = start;
        End = start;
        Calls = _calls.AsReadOnly();
        Inputs = _inputs.AsReadOnly();
        Outputs = _outputs.AsReadOnly();
        Events = _events.AsReadOnly();
    }

    /// <summary>Gets the step number (1-based).</summary>
    public int Step { get; }

    /// <summary>Gets the handoff into the step, when there was one (a supervisor's decision has none).</summary>
    public HandoffRecorded? Handoff { get; }

    /// <summary>Gets the agent whose step it is.</summary>
    public string Agent => Handoff?.To ?? (_calls.Count > 0 ? _calls[0].Agent : _inputs.Count > 0 ? _inputs[0].Request.Agent ?? "?" : "?");

    /// <summary>Gets the agent of the step before, or <see langword="null"/> for the run's first step.</summary>
    public string? From { get; }

    /// <summary>Gets the step's model calls, in order (re-asks, fallback agents' and summarizers' calls included).</summary>
    public ReadOnlyCollection<CallSummary> Calls { get; }

    /// <summary>Gets the questions the step asked a person, in order (with their answers or timeouts).</summary>
    public ReadOnlyCollection<InputSummary> Inputs { get; }

    /// <summary>Gets the outputs recorded in the step.</summary>
    public ReadOnlyCollection<OutputRecorded> Outputs { get; }

    /// <summary>Gets the step's other events, in order: compressions, fallbacks, guards, and verdicts not tied to a call.</summary>
    public ReadOnlyCollection<JournalEvent> Events { get; }

    /// <summary>Gets when the step began (its first event).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets when the step's last event was written.</summary>
    public DateTimeOffset End { get; private set; }

    /// <summary>Gets the number of calls answered.</summary>
    public int ModelCalls { get; private set; }

    /// <summary>Gets the number of calls whose attempt number is above 1: re-asks, and a fallback agent's calls (which continue the count).</summary>
    public int Reasks { get; private set; }

    /// <summary>Gets the retries middleware made across the step's calls.</summary>
    public int Retries { get; private set; }

    /// <summary>Gets the replies rejected by parsing or validation.</summary>
    public int ValidationFailures { get; private set; }

    /// <summary>Gets the fallbacks used: an agent's fallback, or a call served by a fallback model.</summary>
    public int Fallbacks { get; private set; }

    /// <summary>Gets the replies cut at the output-token limit.</summary>
    public int TruncatedReplies { get; private set; }

    /// <summary>Gets whether a call failed (after its middleware's retries).</summary>
    public bool HasFailedCall { get; private set; }

    /// <summary>Gets the input tokens reported across the step's calls.</summary>
    public long InputTokens { get; private set; }

    /// <summary>Gets the output tokens reported across the step's calls.</summary>
    public long OutputTokens { get; private set; }

    /// <summary>Gets the time the step's calls took, in milliseconds.</summary>
    public double LatencyMs { get; private set; }

    /// <summary>Gets the finish reasons the model reported, in order, without repeats.</summary>
    public IReadOnlyList<string> FinishReasons => [.. _calls.Select(c => c.Answer?.FinishReason).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Gets the context compressions of the step.</summary>
    public IEnumerable<ContextCompressed> Compressions => _events.OfType<ContextCompressed>();

    /// <summary>Gets the supervisor's accepted routing decision, for a decision step.</summary>
    public RoutingDecided? Routing { get; private set; }

    /// <summary>Gets the reviewer's verdict, for a review step.</summary>
    public ReviewVerdictRecorded? Verdict { get; private set; }

    /// <summary>Gets whether the step recorded an output.</summary>
    public bool HasOutput => _outputs.Count > 0;

    /// <summary>Gets how validation went: <c>accepted</c> (first reply), <c>repaired</c> (after rejections), <c>rejected</c> (no output), or <c>none</c>.</summary>
    public string ValidationOutcome => (HasOutput, ValidationFailures > 0) switch
    {
        (true, false) => "accepted",
        (true, true) => "repaired",
        (false, true) => "rejected",
        (false, false) => "none",
    };


    internal void Apply(JournalEvent e)
    {
        End = e.Timestamp;
        switch (e)
        {
            case AgentCalled called:
                _calls.Add(new CallSummary(called));
                Reasks += called.Attempt > 1 ? 1 : 0;
                break;
            case AgentAnswered answered:
                OpenCall(answered.Agent)?.SetOutcome(answered);
                ModelCalls++;
                InputTokens += answered.InputTokens ?? 0;
                OutputTokens += answered.OutputTokens ?? 0;
                LatencyMs += answered.LatencyMs;
                Retries += answered.Retries;
                TruncatedReplies += answered.Truncated ? 1 : 0;
                if (!answered.ServedBy.IsPrimary)
                {
                    Fallbacks++;
                }

                _lastServedBy = answered.ServedBy;
                break;
            case AgentFailed failed:
                OpenCall(failed.Agent)?.SetOutcome(failed);
                HasFailedCall = true;
                LatencyMs += failed.LatencyMs;
                Retries += failed.Retries;
                break;
            case OutputRecorded recorded:
                _outputs.Add(recorded);
                if (!recorded.Via.IsPrimary && recorded.Via != _lastServedBy && !_fallbackUsed)
                {
                    // A fallback agent or answer (not a fallback model already counted on its answer) produced the output.
                    Fallbacks++;
                }

                break;
            case ValidationFailed failed:
                ValidationFailures++;
                AttachOrKeep(failed);
                break;
            case RoutingDecided routing:
                Routing = routing.NextAgent is null ? Routing : routing;
                AttachOrKeep(routing);
                break;
            case ReviewVerdictRecorded verdict:
                Verdict = verdict;
                if (_inputs.LastOrDefault(i => i.Request.Agent == verdict.Agent && i.Answer is not null && i.Verdict is null) is { } asked)
                {
                    // A person's verdict belongs to their answer, not to a model call.
                    asked.SetVerdict(verdict);
                    break;
                }

                AttachOrKeep(verdict);
                break;
            case InputRequested requested:
                _inputs.Add(new InputSummary(requested));
                break;
            case InputProvided provided:
                _inputs.LastOrDefault(i => i.Answers(provided.Request))?.SetAnswer(provided);
                break;
            case InputTimedOut timedOut:
                _inputs.LastOrDefault(i => i.Answers(timedOut.Request))?.SetTimedOut(timedOut);
                break;
            case HandoffRecorded:
                break;
            case FallbackUsed:
                Fallbacks++;
                _fallbackUsed = true;
                _events.Add(e);
                break;
            default:
                _events.Add(e);
                break;
        }
    }

    private CallSummary? OpenCall(string? agent) => _calls.LastOrDefault(c => c.Agent == agent && c.InFlight);

    private void AttachOrKeep(JournalEvent verdict)
    {
        if (_calls.LastOrDefault(c => c.Agent == verdict.Agent && !c.InFlight) is { } call)
        {
            call.AddVerdict(verdict);
        }
        else
        {
            _events.Add(verdict);
        }
    }
}
