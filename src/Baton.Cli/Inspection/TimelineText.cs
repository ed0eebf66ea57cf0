using System.Globalization;
using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>Writes a run's timeline as text: the handoffs, what each agent saw, answered and recorded.</summary>
internal static class TimelineText
{
    public static void Write(RunTimeline timeline, TextWriter w)
    {
        var state = timeline.State;
        var started = timeline.Started;
        w.WriteLine($"Run {state.RunId}  orchestration '{state.Orchestration}'  {state.Status}");
        w.WriteLine($"  task: {started.Task}");
        w.WriteLine($"  intent: {started.Intent}");
        if (!started.Constraints.IsDefaultOrEmpty)
        {
            w.WriteLine($"  constraints: {string.Join("; ", started.Constraints)}");
        }

        w.WriteLine($"  limits: {started.Limits.MaxSteps} steps, deadline {started.Limits.Deadline?.ToString() ?? "none"}, token budget {started.Limits.TokenBudget?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        w.WriteLine($"  {state.StepCount} steps, {state.ModelCalls} model calls, {state.TotalTokens} tokens ({state.InputTokens} in, {state.OutputTokens} out), {state.EventCount} journal events");
        foreach (var initial in timeline.InitialOutputs)
        {
            w.WriteLine($"  given output '{initial.Name}': {initial.Summary}");
        }

        foreach (var e in timeline.Other)
        {
            w.WriteLine($"  {Other(e)}");
        }

        foreach (var step in timeline.Steps)
        {
            w.WriteLine();
            var h = step.Handoff;
            w.WriteLine($"step {step.Step}  {h?.From ?? "(start)"} -> {step.Agent}");
            if (h is not null)
            {
                w.WriteLine($"  handed over: {(h.Outputs.IsDefaultOrEmpty ? "task, intent and constraints only" : "task, intent, constraints + " + string.Join(", ", h.Outputs.Select(o => Provenance(timeline, o, h.Sequence))))}");
                if (h.Note is { Length: > 0 } note)
                {
                    w.WriteLine($"  note: {note}");
                }
            }

            foreach (var call in step.Calls)
            {
                w.WriteLine($"  call {call.Called.Attempt}: context {call.ContextSize}");
                w.WriteLine($"    {Outcome(call)}");
            }

            foreach (var output in step.Outputs)
            {
                w.WriteLine($"  recorded '{output.Name}': {output.Summary}");
            }

            foreach (var e in step.Other)
            {
                w.WriteLine($"  {Other(e)}");
            }
        }

        w.WriteLine();
        w.WriteLine(timeline.Ended is { } ended
            ? $"ended: {ended.Status}: {ended.Reason}" + (ended.FinalOutput is { } final ? $" Final output: '{final}'." : string.Empty)
            : "not ended: the run is still going or was interrupted; continue it with 'baton resume'.");
    }

    internal static string Outcome(ModelCall call) => call.Outcome switch
    {
        AgentAnswered a => $"answered in {a.LatencyMs:F0} ms: {a.InputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} tokens in, {a.OutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} out"
            + (a.ModelId is { } model ? $", model {model}" : string.Empty)
            + $", served by {a.ServedBy}" + (a.Retries > 0 ? $" after {a.Retries} retries" : string.Empty),
        AgentFailed f => $"FAILED after {f.LatencyMs:F0} ms: {f.ErrorType}: {f.Message}",
        _ => "no answer recorded (in flight when the run stopped)",
    };

    internal static string Other(JournalEvent e)
    {
        if (EventText.Describe(e) is { } described)
        {
            return described;
        }

        var json = JournalSerializer.Serialize(e);
        return $"{e.Kind}: {(json.Length > 400 ? json[..400] + "..." : json)}";
    }

    private static string Provenance(RunTimeline timeline, string output, long sequence) =>
        timeline.OutputBefore(output, sequence) is { } o ? $"'{output}' (from {o.Agent}, step {o.Step})" : $"'{output}' (not written yet)";
}
