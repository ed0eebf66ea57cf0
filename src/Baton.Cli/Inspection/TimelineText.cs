using System.Globalization;
using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>Writes a run's timeline as text: the handoffs, what each agent saw, answered and recorded.</summary>
/// <remarks>Each call is followed by what Baton made of its reply (a rejection, a routing decision, a verdict), so a
/// failure reads beside the call it belongs to.</remarks>
internal static class TimelineText
{
    public static void Write(RunTimeline timeline, TextWriter w)
    {
        var state = timeline.State;
        var started = timeline.Started;
        w.WriteLine($"Run {state.RunId}  orchestration '{state.Orchestration}'  {state.Status}{(state.Status == RunStatus.Cancelled ? " (resumable)" : string.Empty)}");
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

        foreach (var step in timeline.Steps)
        {
            w.WriteLine();
            WriteStep(timeline, step, w);
        }

        foreach (var e in timeline.Other)
        {
            w.WriteLine($"  {Other(e)}");
        }

        w.WriteLine();
        w.WriteLine(End(timeline.Ended));
    }

    internal static string End(RunEnded? ended) => ended switch
    {
        null => "not ended: the run is still going or was interrupted; continue it with 'baton resume'.",
        { Status: RunStatus.AwaitingInput } => $"{Sentence(ended)} Answer it with 'baton answer'; 'baton pending' lists every waiting run.",
        { Status: RunStatus.Cancelled } => $"{Sentence(ended)} It can be continued with 'baton resume'."
            + (ended.FinalOutput is { } last ? $" Last output written: '{last}'." : string.Empty),
        { Status: RunStatus.Failed } => Sentence(ended) + (ended.FinalOutput is { } last ? $" Last output written: '{last}'." : string.Empty),
        _ => Sentence(ended) + (ended.FinalOutput is { } final ? $" Final output: '{final}'." : string.Empty),
    };

    private static string Sentence(RunEnded ended)
    {
        var text = EventText.Describe(ended)!;
        return text.EndsWith('.') || text.EndsWith(']') ? text : text + ".";
    }

    internal static string Outcome(CallSummary call) => call switch
    {
        { Answer: { } a } => $"answered in {a.LatencyMs:F0} ms: {a.InputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} tokens in, {a.OutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} out"
            + (a.ModelId is { } model ? $", model {model}" : string.Empty)
            + (a.Truncated ? $", CUT at the output-token limit (finish reason {a.FinishReason ?? "length"})" : a.FinishReason is { } reason ? $", finish reason {reason}" : string.Empty)
            + $", served by {a.ServedBy}" + (a.StructuredOutput is { } servedWith ? $" (structured output {servedWith})" : string.Empty) + (a.Retries > 0 ? $" after {EventText.Plural(a.Retries, "retry", "retries")}" : string.Empty),
        { Failure: { } f } => $"FAILED after {f.LatencyMs:F0} ms" + (f.Retries > 0 ? $" and {EventText.Plural(f.Retries, "retry", "retries")}" : string.Empty) + $": {f.ErrorType}: {f.Message}",
        _ => "no answer recorded (in flight when the run stopped)",
    };

    internal static string Request(CallSummary call)
    {
        var r = call.Request;
        var size = r.ContextTokens is { } tokens ? $"{tokens} tokens" : $"~{(Chars(r) + 3) / 4} tokens (est.), {Chars(r)} chars";
        return $"context {size}"
            + (r.MaxOutputTokens is { } limit ? $", output limit {limit} tokens" : string.Empty)
            + (r.StructuredOutput is { } mechanism && mechanism.Value != "none" ? $", structured output {mechanism}" : string.Empty);
    }

    internal static string Other(JournalEvent e)
    {
        if (EventText.Describe(e) is { } described)
        {
            return described;
        }

        var json = JournalSerializer.Serialize(e);
        return $"{e.Kind}: {(json.Length > 400 ? json[..400] + "..." : json)}";
    }

    private static void WriteStep(RunTimeline timeline, StepSummary step, TextWriter w)
    {
        w.WriteLine($"step {step.Step}  {step.From ?? "(start)"} -> {step.Agent}");
        if (step.Handoff is { } h)
        {
            w.WriteLine($"  handed over: {(h.Outputs.IsDefaultOrEmpty ? "task, intent and constraints only" : "task, intent, constraints + " + string.Join(", ", h.Outputs.Select(o => Provenance(timeline, o, h.Sequence))))}");
            if (h.Note is { Length: > 0 } note)
            {
                w.WriteLine($"  note: {note}");
            }
        }

        foreach (var compressed in step.Compressions)
        {
            w.WriteLine($"  {Other(compressed)}");
        }

        foreach (var call in step.Calls)
        {
            var who = call.Agent == step.Agent ? string.Empty : $" ({call.Agent})";
            w.WriteLine($"  call {call.Attempt}{who}: {Request(call)}");
            w.WriteLine($"    {Outcome(call)}");
            foreach (var verdict in call.Verdicts)
            {
                w.WriteLine($"    -> {Other(verdict)}");
            }
        }

        foreach (var input in step.Inputs)
        {
            WriteInput(timeline, input, w);
        }

        foreach (var output in step.Outputs)
        {
            w.WriteLine($"  recorded '{output.Name}': {output.Summary}");
        }

        foreach (var e in step.Events.Where(e => e is not ContextCompressed))
        {
            w.WriteLine($"  {Other(e)}");
        }
    }

    private static void WriteInput(RunTimeline timeline, InputSummary input, TextWriter w)
    {
        var q = input.Request;
        w.WriteLine($"  asked {EventText.Asked(q)} at {EventText.Time(q.Timestamp)}{(q.DueAt is { } due ? $", due {EventText.Time(due)}" : ", no timeout")}: {q.Question}");
        w.WriteLine($"    expects {Expects(q)}");
        if (input.Answer is { } answer)
        {
            w.WriteLine($"    answered by {answer.Respondent} at {EventText.Time(answer.Timestamp)} after {EventText.Duration(input.Waited ?? TimeSpan.Zero)}: {Clip(answer.Answer)}");
        }
        else if (input.TimedOut is { } timedOut)
        {
            w.WriteLine($"    nobody answered by {EventText.Time(timedOut.DueAt)}; fallback: {timedOut.Fallback}");
        }
        else if (timeline.State.IsAwaitingInput && timeline.State.PendingInput?.Sequence == q.Sequence)
        {
            w.WriteLine($"    WAITING since {EventText.Time(q.Timestamp)}: answer with 'baton answer {timeline.State.RunId} {AnswerOptions(q)}'");
        }
        else
        {
            w.WriteLine("    no answer recorded (the run stopped while it waited)");
        }

        if (input.Verdict is { } verdict)
        {
            w.WriteLine($"    -> {Other(verdict)}");
        }
    }

    internal static string Expects(InputRequested q) => q.Expects switch
    {
        Humans.HumanInputKind.Verdict => "a verdict: approve, or reject with feedback",
        Humans.HumanInputKind.Json => q.Contract is { } contract ? $"JSON satisfying contract '{contract}'" : "a JSON value",
        _ => "a text answer",
    };

    /// <summary>The <c>baton answer</c> options that fit a question.</summary>
    internal static string AnswerOptions(InputRequested q) => q.Expects switch
    {
        Humans.HumanInputKind.Verdict => "--approve | --reject \"feedback\"",
        Humans.HumanInputKind.Json => "--file answer.json | --text '{...}'",
        _ => "--text \"...\" | --file answer.txt",
    };

    private static string Clip(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..300] + "...";
    }

    private static int Chars(AgentCalled called) => called.Messages.Sum(m => m.Text.Length);

    private static string Provenance(RunTimeline timeline, string output, long sequence) =>
        timeline.OutputBefore(output, sequence) is { } o ? $"'{output}' (from {o.Agent}, step {o.Step})" : $"'{output}' (not written yet)";
}
