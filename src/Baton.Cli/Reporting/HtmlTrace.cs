using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Baton.Cli.Commands;
using Baton.Cli.Inspection;
using Baton.Journal;

namespace Baton.Cli.Reporting;

/// <summary>
/// Renders a run's journal as one self-contained HTML page (inline CSS and script, no network): a timeline of steps
/// and, for each handoff, what the sender produced beside what the receiver actually saw.
/// </summary>
/// <remarks>Every journal value is HTML-encoded; the page runs no code from the journal.</remarks>
internal static class HtmlTrace
{
    public static string Render(RunTimeline timeline, TimeProvider timeProvider)
    {
        var state = timeline.State;
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Baton trace ").Append(E(state.RunId)).Append("</title><style>").Append(HtmlTraceAssets.Css).Append("</style></head><body>\n");
        html.Append("<header><h1>Run <code>").Append(E(state.RunId)).Append("</code> <span class=\"status s-").Append(E(state.Status.ToString())).Append("\">")
            .Append(E(state.Status.ToString())).Append("</span></h1>");
        html.Append("<p class=\"meta\">orchestration <b>").Append(E(state.Orchestration)).Append("</b> · ")
            .Append(state.StepCount).Append(" steps · ").Append(state.ModelCalls).Append(" model calls · ")
            .Append(state.TotalTokens).Append(" tokens (").Append(state.InputTokens).Append(" in, ").Append(state.OutputTokens).Append(" out) · ")
            .Append(state.EventCount).Append(" journal events</p>");
        html.Append("<dl><dt>Task</dt><dd>").Append(E(timeline.Started.Task)).Append("</dd><dt>Intent</dt><dd>").Append(E(timeline.Started.Intent)).Append("</dd>");
        if (!timeline.Started.Constraints.IsDefaultOrEmpty)
        {
            html.Append("<dt>Constraints</dt><dd>").Append(E(string.Join("; ", timeline.Started.Constraints))).Append("</dd>");
        }

        html.Append("<dt>Result</dt><dd>").Append(E(timeline.Ended is { } end ? end.Reason : "The run has not ended (resume it with baton resume).")).Append("</dd></dl>");
        html.Append("<p class=\"generated\">Generated ").Append(E(timeProvider.GetUtcNow().ToString("u", CultureInfo.InvariantCulture)))
            .Append(" by baton report. <button type=\"button\" id=\"toggle\">Expand all</button></p></header>\n");

        html.Append("<nav><ol class=\"timeline\">");
        foreach (var step in timeline.Steps)
        {
            html.Append("<li><a href=\"#step-").Append(step.Step).Append("\">")
                .Append(E(step.From ?? "start")).Append(" → ").Append(E(step.Agent)).Append("</a> <span class=\"badge\">")
                .Append(E(StepBadge(step))).Append("</span></li>");
        }

        html.Append("</ol></nav>\n<main>");
        foreach (var step in timeline.Steps)
        {
            RenderStep(html, timeline, step);
        }

        html.Append("<section class=\"end\"><h2>End</h2><p>");
        html.Append(E(TimelineText.End(timeline.Ended)));
        html.Append("</p>");
        if (timeline.Ended is { Status: not (RunStatus.Cancelled or RunStatus.Failed), FinalOutput: { } finalName } && state.Context?.Outputs.TryGetValue(finalName, out var finalOutput) == true)
        {
            html.Append("<pre>").Append(E(Text(finalOutput.Value))).Append("</pre>");
        }

        html.Append("</section></main><script>").Append(HtmlTraceAssets.Script).Append("</script></body></html>\n");
        return html.ToString();
    }

    private static void RenderStep(StringBuilder html, RunTimeline timeline, StepSummary step)
    {
        var h = step.Handoff;
        html.Append("<section class=\"step\" id=\"step-").Append(step.Step).Append("\" data-step=\"").Append(step.Step).Append("\"><h2>Step ")
            .Append(step.Step).Append(": ").Append(E(step.From ?? "(start)")).Append(" → ").Append(E(step.Agent)).Append("</h2>");
        if (h?.Note is { Length: > 0 } note)
        {
            html.Append("<p class=\"note\">Note: ").Append(E(note)).Append("</p>");
        }

        var firstCall = step.Calls.FirstOrDefault()?.Request;
        html.Append("<div class=\"pair\"><div class=\"col\"><h3>What was handed over</h3>");
        var reads = h?.Outputs ?? [];
        if (reads.IsDefaultOrEmpty)
        {
            html.Append("<p class=\"muted\">No outputs: task, intent and constraints only.</p>");
        }

        foreach (var name in reads.IsDefaultOrEmpty ? [] : reads)
        {
            var output = timeline.OutputBefore(name, h!.Sequence);
            html.Append("<div class=\"output\"><h4><code>").Append(E(name)).Append("</code>");
            if (output is null)
            {
                html.Append(" <span class=\"warn\">not written before this step</span></h4></div>");
                continue;
            }

            html.Append(" from ").Append(E(output.Agent ?? "caller")).Append(", step ").Append(output.Step);
            var missing = firstCall is null ? [] : HandoffCheck.Missing(output, firstCall);
            html.Append(missing.Count == 0
                ? " <span class=\"ok\">reached the prompt</span>"
                : $" <span class=\"warn\">{missing.Count} value(s) missing from the prompt</span>");
            html.Append("</h4><pre>").Append(E(Text(output.Value))).Append("</pre>");
            if (timeline.AnswerFor(output) is { } answer && answer.Text.Trim() != Text(output.Value).Trim() && answer.Text.Trim() != output.Value.GetRawText())
            {
                html.Append("<details><summary>Sender's raw reply (not forwarded)</summary><pre>").Append(E(answer.Text)).Append("</pre></details>");
            }

            html.Append("</div>");
        }

        html.Append("</div><div class=\"col\"><h3>What ").Append(E(step.Agent)).Append(" saw</h3>");
        foreach (var call in step.Calls)
        {
            html.Append("<div class=\"call\"><h4>Call ").Append(call.Attempt).Append(call.Agent == step.Agent ? string.Empty : $" ({E(call.Agent)})").Append(" · ").Append(E(TimelineText.Request(call))).Append("</h4>");
            foreach (var message in call.Request.Messages)
            {
                html.Append("<details").Append(message.Role == "user" ? " open" : string.Empty).Append("><summary>").Append(E(message.Role))
                    .Append(" (").Append(message.Text.Length).Append(" chars)</summary><pre>").Append(E(message.Text)).Append("</pre></details>");
            }

            html.Append("<p class=\"outcome\">").Append(E(TimelineText.Outcome(call))).Append("</p>");
            if (call.Answer is { } answered)
            {
                html.Append("<details><summary>Reply</summary><pre>").Append(E(answered.Text)).Append("</pre></details>");
            }

            foreach (var verdict in call.Verdicts)
            {
                html.Append("<p class=\"outcome\">").Append(E(TimelineText.Other(verdict))).Append("</p>");
            }

            html.Append("</div>");
        }

        foreach (var input in step.Inputs)
        {
            RenderInput(html, timeline, input);
        }

        html.Append("</div></div>");
        foreach (var output in step.Outputs)
        {
            html.Append("<p class=\"recorded\">Recorded <code>").Append(E(output.Name)).Append("</code>: ").Append(E(output.Summary)).Append("</p>");
        }

        foreach (var e in step.Events)
        {
            html.Append("<details class=\"event\"><summary>").Append(E(e.Kind)).Append("</summary><pre>")
                .Append(E(ResultPrinter.Indented(JsonDocument.Parse(JournalSerializer.Serialize(e)).RootElement))).Append("</pre></details>");
        }

        html.Append("</section>\n");
    }

    // A person's turn: the question and the view they answered from, the wait, and the answer with its respondent.
    private static void RenderInput(StringBuilder html, RunTimeline timeline, InputSummary input)
    {
        var q = input.Request;
        html.Append("<div class=\"call input\"><h4>Asked ").Append(E(EventText.Asked(q))).Append(" · ").Append(E(EventText.Time(q.Timestamp)))
            .Append(q.DueAt is { } due ? $" · due {E(EventText.Time(due))}" : " · no timeout").Append("</h4>");
        html.Append("<p class=\"question\">").Append(E(q.Question)).Append("</p>");
        html.Append("<p class=\"muted\">Expects ").Append(E(TimelineText.Expects(q))).Append(".</p>");
        html.Append("<details><summary>The view they answered from (").Append(q.View.Outputs.Length).Append(" outputs)</summary><pre>")
            .Append(E(q.View.ToPrompt())).Append("</pre></details>");
        if (input.Answer is { } answer)
        {
            html.Append("<p class=\"outcome\">Answered by <b>").Append(E(answer.Respondent)).Append("</b> at ").Append(E(EventText.Time(answer.Timestamp)))
                .Append(" after ").Append(E(EventText.Duration(input.Waited ?? TimeSpan.Zero))).Append("</p><details open><summary>Answer</summary><pre>")
                .Append(E(answer.Answer)).Append("</pre></details>");
        }
        else if (input.TimedOut is { } timedOut)
        {
            html.Append("<p class=\"outcome warn\">Nobody answered by ").Append(E(EventText.Time(timedOut.DueAt))).Append("; fallback: ").Append(E(timedOut.Fallback)).Append("</p>");
        }
        else if (timeline.State.IsAwaitingInput && timeline.State.PendingInput?.Sequence == q.Sequence)
        {
            html.Append("<p class=\"outcome warn\">Waiting since ").Append(E(EventText.Time(q.Timestamp))).Append(": answer with <code>baton answer ")
                .Append(E(timeline.State.RunId)).Append("</code></p>");
        }

        if (input.Verdict is { } verdict)
        {
            html.Append("<p class=\"outcome\">").Append(E(TimelineText.Other(verdict))).Append("</p>");
        }

        html.Append("</div>");
    }

    private static string StepBadge(StepSummary step)
    {
        if (step.Inputs.Count > 0)
        {
            var last = step.Inputs[^1];
            return last.Answer is { } a ? $"answered by {a.Respondent}" : last.TimedOut is not null ? "no answer in time" : "waiting for input";
        }

        var failed = step.Calls.Count(c => c.Failure is not null);
        return $"{step.InputTokens + step.OutputTokens} tokens" + (step.Calls.Count > 1 ? $", {step.Calls.Count} calls" : string.Empty) + (failed > 0 ? $", {failed} failed" : string.Empty);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : ResultPrinter.Indented(value);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
