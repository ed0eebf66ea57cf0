using Baton.Journal;

namespace Baton.Cli.Progress;

/// <summary>Writes one plain line per journal event as a run goes (for redirected output and logs).</summary>
internal sealed class PlainProgress(TextWriter output, TimeProvider timeProvider) : IRunObserver
{
    private readonly long _started = timeProvider.GetTimestamp();

    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        var line = Describe(state, journalEvent);
        if (line is not null)
        {
            output.WriteLine(line);
        }
    }

    internal string? Describe(RunState state, JournalEvent e)
    {
        var elapsed = timeProvider.GetElapsedTime(_started).TotalSeconds;
        return e switch
        {
            RunStarted started => $"run {started.RunId} started: {started.Orchestration} on \"{started.Task}\"",
            HandoffRecorded h => $"step {h.Step}/{state.Limits.MaxSteps}: {h.From ?? "(start)"} -> {h.To}  reads: {(h.Outputs.IsDefaultOrEmpty ? "task, intent and constraints only" : string.Join(", ", h.Outputs))}",
            AgentCalled { Attempt: > 1 } c => $"  {c.Agent}: attempt {c.Attempt}",
            AgentAnswered a => $"  {a.Agent} answered: {a.InputTokens ?? 0} tokens in, {a.OutputTokens ?? 0} out, {a.LatencyMs:F0} ms"
                + (a.ServedBy.IsPrimary ? string.Empty : $", served by {a.ServedBy}")
                + (a.Retries > 0 ? $", {Inspection.EventText.Plural(a.Retries, "retry", "retries")}" : string.Empty)
                + $"  [total {state.TotalTokens} tokens, {elapsed:F1} s]",
            AgentFailed f => $"  {f.Agent} failed: {f.ErrorType}: {f.Message}",
            OutputRecorded o when o.Step > 0 => $"  {o.Agent} {o.Summary}",
            RunResumed r => $"run resumed after {r.EventsBefore} recorded events" + (r.ResendsInFlightCall ? " (re-sending the call that was in flight)" : string.Empty),
            InputRequested q => $"  waiting for {Inspection.EventText.Asked(q)} to answer{(q.DueAt is { } due ? $" by {Inspection.EventText.Time(due)}" : string.Empty)}: {q.Question.ReplaceLineEndings(" ")}",
            InputProvided p => $"  {p.Respondent} answered {p.Agent}",
            RunEnded => null,
            OutputRecorded => null,
            AgentCalled => null,
            _ => "  " + (Inspection.EventText.Describe(e) ?? e.Kind + (e.Agent is null ? string.Empty : $" ({e.Agent})")),
        };
    }
}
