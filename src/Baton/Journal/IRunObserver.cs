namespace Baton.Journal;

/// <summary>Sees each journal event of a run as it is written (live progress, logging, telemetry).</summary>
/// <remarks>
/// Observers are called synchronously after the event is stored, on the run's own flow; keep them fast.
/// An observer that throws is logged and ignored: it can never break a run. Events re-read while a run resumes are
/// not observed again; the <see cref="RunResumed"/> event is.
/// </remarks>
public interface IRunObserver
{
    /// <summary>Called after an event was stored.</summary>
    /// <param name="state">The run's state including the event (read-only; do not keep it past the call).</param>
    /// <param name="journalEvent">The event.</param>
    void OnEvent(RunState state, JournalEvent journalEvent);
}
