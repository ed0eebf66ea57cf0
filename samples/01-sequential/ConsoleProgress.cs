using Baton.Journal;

namespace Baton.Samples.Sequential;

/// <summary>Prints each handoff and answer as the journal records it.</summary>
internal sealed class ConsoleProgress(TextWriter output) : IRunObserver
{
    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        switch (journalEvent)
        {
            case RunStarted started:
                output.WriteLine($"run {started.RunId} started: {started.Orchestration} on \"{started.Task}\"");
                break;
            case HandoffRecorded handoff:
                var reads = handoff.Outputs.IsDefaultOrEmpty ? "task, intent and constraints only" : "task, intent, constraints + " + string.Join(", ", handoff.Outputs);
                output.WriteLine($"step {handoff.Step}: handoff {handoff.From ?? "(start)"} -> {handoff.To}  [sees {reads}]");
                break;
            case AgentAnswered answered:
                output.WriteLine($"        {answered.Agent} answered: {answered.InputTokens} tokens in, {answered.OutputTokens} out, {answered.LatencyMs:F1} ms");
                break;
            case OutputRecorded recorded:
                output.WriteLine($"        recorded output '{recorded.Name}' ({recorded.Summary})");
                break;
            case RunEnded ended:
                output.WriteLine($"run ended: {ended.Status}");
                break;
            default:
                break;
        }
    }
}
