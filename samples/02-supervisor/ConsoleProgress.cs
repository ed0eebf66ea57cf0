using Baton.Journal;

namespace Baton.Samples.Supervisor;

/// <summary>Prints each routing decision, handoff, guard and end as the journal records it.</summary>
internal sealed class ConsoleProgress(TextWriter output) : IRunObserver
{
    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        switch (journalEvent)
        {
            case RunStarted started:
                output.WriteLine($"run {started.RunId} started: \"{started.Task}\"");
                break;
            case RoutingDecided { ParseError: { } error } decided:
                output.WriteLine($"step {decided.Step}: {decided.Agent} gave an unusable decision (attempt {decided.Attempt}): {error}");
                break;
            case RoutingDecided decided:
                output.WriteLine($"step {decided.Step}: {decided.Agent} -> {decided.NextAgent}  ({decided.Reasoning})");
                break;
            case HandoffRecorded handoff:
                output.WriteLine($"step {handoff.Step}: {handoff.To} works on it" + (handoff.Note is null ? string.Empty : $", told: \"{handoff.Note}\""));
                break;
            case OutputRecorded recorded:
                output.WriteLine($"        {recorded.Agent} {recorded.Summary}");
                break;
            case InputRequested asked:
                output.WriteLine($"step {asked.Step}: waiting for {asked.Assignee} ({asked.Agent}): \"{asked.Question}\"" + (asked.DueAt is { } due ? $", due {due:u}" : string.Empty));
                break;
            case InputProvided answered:
                output.WriteLine($"step {answered.Step}: {answered.Respondent} answered for {answered.Agent}");
                break;
            case GuardTriggered guard:
                output.WriteLine($"guard '{guard.Guard}' triggered: {guard.Reason} Fallback: {guard.Fallback}.");
                break;
            case RunEnded ended:
                output.WriteLine($"run ended: {ended.Status}");
                break;
            default:
                break;
        }
    }
}
