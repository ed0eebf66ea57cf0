using System.Collections.ObjectModel;

namespace Baton.Journal;

/// <summary>One model call of a step, read from the journal: what was sent, how it came back, and what Baton made of the reply.</summary>
/// <remarks>Part of a <see cref="StepSummary"/>; built by <see cref="StepProjection"/>. Read-only for callers.</remarks>
public sealed class CallSummary
{
    private readonly List<JournalEvent> _verdicts = [];

    internal CallSummary(AgentCalled request)
    {
        Request = request;
        Verdicts = _verdicts.AsReadOnly();
    }

    /// <summary>Gets the call as sent.</summary>
    public AgentCalled Request { get; }

    /// <summary>Gets the agent that made the call.</summary>
    public string Agent => Request.Agent ?? "?";

    /// <summary>Gets the call's attempt number within its step.</summary>
    public int Attempt => Request.Attempt;

    /// <summary>Gets the answer, when the model answered.</summary>
    public AgentAnswered? Answer { get; private set; }

    /// <summary>Gets the failure, when the call failed (<see cref="AgentFailed.ErrorType"/> <c>DeadlineExceeded</c> when the run's deadline cut it).</summary>
    public AgentFailed? Failure { get; private set; }

    /// <summary>Gets whether the call has no recorded outcome (it was in flight when the run stopped).</summary>
    public bool InFlight => Answer is null && Failure is null;

    /// <summary>Gets whether the reply was cut at the output-token limit.</summary>
    public bool Truncated => Answer?.Truncated == true;

    /// <summary>Gets the retries middleware made for this call (before its answer, or before it gave up).</summary>
    public int Retries => Answer?.Retries ?? Failure?.Retries ?? 0;

    /// <summary>Gets how long the call took, in milliseconds (0 while in flight).</summary>
    public double LatencyMs => Answer?.LatencyMs ?? Failure?.LatencyMs ?? 0;

    /// <summary>Gets what Baton made of the reply, in order: a rejection (<see cref="ValidationFailed"/>), a routing decision (<see cref="RoutingDecided"/>), a review verdict (<see cref="ReviewVerdictRecorded"/>).</summary>
    public ReadOnlyCollection<JournalEvent> Verdicts { get; }

    internal void SetOutcome(JournalEvent outcome)
    {
        Answer = outcome as AgentAnswered;
        Failure = outcome as AgentFailed;
    }

    internal void AddVerdict(JournalEvent verdict) => _verdicts.Add(verdict);
}
