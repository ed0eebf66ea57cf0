using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>A run's journal grouped into steps for people to read: who handed what to whom, what each agent saw and produced.</summary>
/// <remarks>Built from the journal alone; it is a view, not a second copy of run state.</remarks>
internal sealed class RunTimeline
{
    private RunTimeline(IReadOnlyList<JournalEvent> events)
    {
        Events = events;
        State = RunState.FromEvents(events);
        Started = (RunStarted)events[0];
        var steps = new List<TimelineStep>();
        TimelineStep? current = null;
        foreach (var e in events.Skip(1))
        {
            switch (e)
            {
                case HandoffRecorded handoff:
                    current = new TimelineStep(handoff.Step, handoff);
                    steps.Add(current);
                    break;
                case AgentCalled called:
                    current = StepFor(steps, called.Step, current);
                    current.Calls.Add(new ModelCall(called));
                    break;
                case AgentAnswered answered when current?.Calls.LastOrDefault(c => c.Called.Agent == answered.Agent && c.Outcome is null) is { } call:
                    call.Outcome = answered;
                    break;
                case AgentFailed failed when current?.Calls.LastOrDefault(c => c.Called.Agent == failed.Agent && c.Outcome is null) is { } call:
                    call.Outcome = failed;
                    break;
                case OutputRecorded { Step: 0 } initial:
                    InitialOutputs.Add(initial);
                    break;
                case OutputRecorded recorded:
                    StepFor(steps, recorded.Step, current).Outputs.Add(recorded);
                    break;
                case RunEnded ended:
                    Ended = ended;
                    break;
                default:
                    if (current is null)
                    {
                        Other.Add(e);
                    }
                    else
                    {
                        current.Other.Add(e);
                    }

                    break;
            }
        }

        Steps = steps;
    }

    public IReadOnlyList<JournalEvent> Events { get; }

    public RunState State { get; }

    public RunStarted Started { get; }

    public RunEnded? Ended { get; private set; }

    public IReadOnlyList<TimelineStep> Steps { get; }

    public List<OutputRecorded> InitialOutputs { get; } = [];

    public List<JournalEvent> Other { get; } = [];

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

    private static TimelineStep StepFor(List<TimelineStep> steps, int step, TimelineStep? current)
    {
        if (current is not null && current.Step == step)
        {
            return current;
        }

        var found = steps.LastOrDefault(s => s.Step == step);
        if (found is null)
        {
            found = new TimelineStep(step, null);
            steps.Add(found);
        }

        return found;
    }
}
