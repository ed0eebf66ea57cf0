namespace Baton.Journal;

/// <summary>
/// A run continued from its journal (after a crash, or on another worker). The resuming execution takes the
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
}
