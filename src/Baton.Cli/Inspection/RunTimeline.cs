using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>A run's journal as people read it: its start, its steps (the core's <see cref="StepProjection"/>), and its end.</summary>
/// <remarks>Built from the journal alone; it is a view, not a second copy of run state.</remarks>
internal sealed class RunTimeline
{
    private RunTimeline(IReadOnlyList<JournalEvent> events)
    {
        Events = events;
        State = RunState.FromEvents(events);
        Started = (RunStarted)events[0];
        Projection = StepProjection.FromJournal(events);
        Ended = events[^1] as RunEnded;
        InitialOutputs = [.. Projection.RunEvents.OfType<OutputRecorded>()];
        Other = [.. Projection.RunEvents.Where(e => e is not (RunStarted or OutputRecorded) && !ReferenceEquals(e, Ended))];
    }

    public IReadOnlyList<JournalEvent> Events { get; }

    public RunState State { get; }

    public RunStarted Started { get; }

    /// <summary>Gets the run's final end, when it has one (a cancelled run that was resumed has an earlier end among <see cref="Other"/>).</summary>
    public RunEnded? Ended { get; }

    public StepProjection Projection { get; }

    public IReadOnlyList<StepSummary> Steps => Projection.Steps;

    public IReadOnlyList<OutputRecorded> InitialOutputs { get; }

    /// <summary>Gets the run-level events besides its start, given outputs and final end: resumes and earlier ends.</summary>
    public IReadOnlyList<JournalEvent> Other { get; }

    public static RunTimeline FromJournal(IReadOnlyList<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || events[0] is not RunStarted)
        {
            throw new ArgumentException("The journal is empty or does not start with run_started.", nameof(events));
        }

        return new RunTimeline(events);
    }

    /// <summary>Finds the output a handoff's receiver read, as it was when the handoff happened.</summary>
    public OutputRecorded? OutputBefore(string name, long sequence) =>
        Events.OfType<OutputRecorded>().LastOrDefault(o => o.Name == name && o.Sequence < sequence);

    /// <summary>Finds the reply the output's producer sent (its raw text, before parsing).</summary>
    public AgentAnswered? AnswerFor(OutputRecorded output) =>
        Events.OfType<AgentAnswered>().LastOrDefault(a => a.Agent == output.Agent && a.Step == output.Step && a.Sequence < output.Sequence);
}
