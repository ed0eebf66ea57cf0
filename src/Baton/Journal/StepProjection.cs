using System.Collections.ObjectModel;

namespace Baton.Journal;

/// <summary>
/// Folds a run's journal into its steps (<see cref="StepSummary"/>): the one per-step projection that telemetry, the
/// CLI's <c>show</c> and <c>report</c>, and the handoff test runner read.
/// </summary>
/// <remarks>
/// <para>A <c>handoff</c> starts a step; events carry their step number, so a supervisor's decision (which has no
/// handoff) is a step of its own, and its <see cref="StepSummary.From"/> is the agent of the step before. Events
/// before the first step (the start, the caller's outputs) are in <see cref="RunEvents"/>.</para>
/// <para>Build one for a whole journal with <see cref="FromJournal"/>, or feed events as they are written with
/// <see cref="Apply"/>. Not thread-safe.</para>
/// </remarks>
public sealed class StepProjection
{
    private readonly List<StepSummary> _steps = [];
    private readonly List<JournalEvent> _runEvents = [];
    private StepSummary? _current;

    /// <summary>Creates an empty projection.</summary>
    public StepProjection()
    {
        Steps = _steps.AsReadOnly();
        RunEvents = _runEvents.AsReadOnly();
    }

    /// <summary>Gets the steps so far, in the order they began.</summary>
    public ReadOnlyCollection<StepSummary> Steps { get; }

    /// <summary>Gets the events that belong to no step: the start, the caller's outputs, resumes, the end.</summary>
    public ReadOnlyCollection<JournalEvent> RunEvents { get; }

    /// <summary>Gets the step the most recent event belonged to, if any.</summary>
    public StepSummary? Current => _current;

    /// <summary>Folds a whole journal. Events a forced retry superseded (<see cref="RunResumed.RetriedFrom"/>) are left out, as from the run's state.</summary>
    /// <param name="journal">The run's events, in order.</param>
    /// <returns>The projection.</returns>
    public static StepProjection FromJournal(IEnumerable<JournalEvent> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var events = journal as IReadOnlyList<JournalEvent> ?? [.. journal];
        var superseded = SupersededRanges.Of(events);
        var projection = new StepProjection();
        foreach (var e in events)
        {
            if (!superseded.Contains(e.Sequence))
            {
                projection.Apply(e);
            }
        }

        return projection;
    }

    /// <summary>Gets the step with number <paramref name="step"/>, if it began.</summary>
    /// <param name="step">The step number.</param>
    /// <returns>The step, or <see langword="null"/>.</returns>
    public StepSummary? Find(int step)
    {
        for (var i = _steps.Count - 1; i >= 0; i--)
        {
            if (_steps[i].Step == step)
            {
                return _steps[i];
            }
        }

        return null;
    }

    /// <summary>Folds one event.</summary>
    /// <param name="journalEvent">The next event of the run.</param>
    public void Apply(JournalEvent journalEvent)
    {
        ArgumentNullException.ThrowIfNull(journalEvent);
        switch (journalEvent)
        {
            case RunStarted or RunEnded or RunResumed:
            case OutputRecorded { Step: 0 }:
                _runEvents.Add(journalEvent);
                return;
            case HandoffRecorded handoff:
                _current = Begin(handoff.Step, handoff, handoff.Timestamp);
                break;
            case { Step: > 0 } when _current?.Step != journalEvent.Step:
                _current = Find(journalEvent.Step) ?? Begin(journalEvent.Step, null, journalEvent.Timestamp);
                break;
            case { Step: 0 } when _current is null:
                _runEvents.Add(journalEvent);
                return;
            default:
                break;
        }

        _current!.Apply(journalEvent);
    }

    private StepSummary Begin(int step, HandoffRecorded? handoff, DateTimeOffset start)
    {
        var previous = _steps.Count > 0 ? _steps[^1].Agent : null;
        var summary = new StepSummary(step, handoff, previous, start);
        _steps.Add(summary);
        return summary;
    }
}
