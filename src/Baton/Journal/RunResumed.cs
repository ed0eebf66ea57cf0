namespace Baton.Journal;

/// <summary>A run continued from its journal (after a crash, or on another worker).</summary>
public sealed record RunResumed : JournalEvent
{
    /// <summary>Gets the number of events the journal held when the run resumed.</summary>
    public long EventsBefore { get; init; }

    /// <summary>
    /// Gets whether a model call had been sent without its answer being recorded; that call is sent again
    /// (at-least-once for in-flight calls, exactly-once for recorded ones).
    /// </summary>
    public bool ResendsInFlightCall { get; init; }
}
