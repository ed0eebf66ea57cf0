using Baton.Guards;

namespace Baton.Journal;

/// <summary>
/// A run continued from its journal (after a crash, a cancellation, a forced retry, or on another worker). The resuming execution takes the
/// run's next lease here: its <see cref="JournalEvent.LeaseEpoch"/> is one more than the previous holder's, and
/// from this event on a store refuses every append of the executions before it.
/// </summary>
public sealed record RunResumed : JournalEvent
{
    /// <summary>Gets the number of events the journal held when the run resumed.</summary>
    public long EventsBefore { get; init; }

    /// <summary>
    /// Gets whether a model call had been sent without its answer being recorded; that call is sent again
    /// (at-least-once for in-flight calls, exactly-once for recorded ones).
    /// </summary>
    public bool ResendsInFlightCall { get; init; }

    /// <summary>
    /// Gets the worker that resumed the run and now holds its lease, for example <c>host:pid</c>;
    /// <see langword="null"/> in journals written without leases (schema version 1).
    /// </summary>
    public string? LeaseOwner { get; init; }

    /// <summary>
    /// Gets, for a forced retry of a run that had ended, the sequence of the first event the retry supersedes: the
    /// events from there up to this one (the failed work and the old end) no longer count for the run's state.
    /// </summary>
    /// <value><see langword="null"/> for an ordinary resume.</value>
    public long? RetriedFrom { get; init; }

    /// <summary>Gets the limits the run is held to from here on, when the resume changed them.</summary>
    /// <value><see langword="null"/> when the run keeps the limits it started with.</value>
    public RunLimits? Limits { get; init; }
}
