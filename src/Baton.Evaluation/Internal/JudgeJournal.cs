using System.Text;
using System.Text.Json;
using Baton.Evaluation.Expectations;
using Baton.Guards;
using Baton.Journal;
using Baton.Secrets;
using Microsoft.Extensions.AI;

namespace Baton.Evaluation.Internal;

/// <summary>
/// Writes a judge's evaluation as a run of its own in the store, so <c>baton show</c> and <c>baton report</c> open it
/// like any run: run_started, one handoff to the judge, each call (agent_called, then agent_answered or agent_failed),
/// the verdict as an output, run_ended.
/// </summary>
internal static class JudgeJournal
{
    public const string Orchestration = "eval-judge";

    public static async ValueTask WriteAsync(
        IRunStore store, SecretRedactor? redactor, string runId, string judge, EvalCase evalCase, int repeat, string? caseRunId, ExpectationResult verdict, IReadOnlyList<JudgeCallRecord> calls, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        // The judge's prompts hold the run's outputs and its answers are model text: redact them like any journal.
        string R(string text) => redactor?.Redact(text) ?? text;
        var events = new List<JournalEvent>(calls.Count * 2 + 4);
        var start = calls.Count > 0 ? calls[0].StartedAt : endedAt;
        events.Add(new RunStarted
        {
            Orchestration = Orchestration,
            Task = R($"{verdict.Description} (case '{evalCase.Id}', repeat {repeat})"),
            Intent = caseRunId is null ? $"Judge case '{evalCase.Id}'." : $"Judge run {caseRunId} of case '{evalCase.Id}'.",
            Limits = RunLimits.Default,
            Timestamp = start,
        });
        var reused = calls.Where(c => c.RecordedRunId is not null).Select(c => c.RecordedRunId).Distinct(StringComparer.Ordinal).ToList();
        var note = (caseRunId is null ? string.Empty : $"judging run {caseRunId}")
            + (reused.Count == 0 ? string.Empty : $"; {calls.Count(c => c.RecordedRunId is not null)} of {calls.Count} answers reused from judge run(s) {string.Join(", ", reused)}");
        events.Add(new HandoffRecorded { Step = 1, Agent = judge, To = judge, Note = note.Length == 0 ? null : note.TrimStart(';', ' '), Timestamp = start });
        var attempt = 0;
        foreach (var call in calls)
        {
            attempt++;
            events.Add(new AgentCalled
            {
                Step = 1, Agent = judge, Attempt = attempt, RequestHash = call.RequestHash, Timestamp = call.StartedAt,
                Messages = [.. call.Messages.Select(m => new JournalMessage(m.Role.Value, R(m.Text)))],
            });
            events.Add(call.Text is { } text
                ? new AgentAnswered
                {
                    Step = 1, Agent = judge, Attempt = attempt, Text = R(text), InputTokens = call.InputTokens, OutputTokens = call.OutputTokens,
                    LatencyMs = call.LatencyMs, ModelId = call.ModelId, Timestamp = call.EndedAt,
                }
                : new AgentFailed
                {
                    Step = 1, Agent = judge, Attempt = attempt, ErrorType = call.ErrorType ?? "Exception", Message = R(call.ErrorMessage ?? string.Empty),
                    LatencyMs = call.LatencyMs, Timestamp = call.EndedAt,
                });
        }

        var concluded = verdict.Outcome is ExpectationOutcome.Passed or ExpectationOutcome.Failed;
        events.Add(new OutputRecorded
        {
            Step = 1, Agent = judge, Name = "verdict", Value = VerdictJson(verdict with { Message = R(verdict.Message) }), Timestamp = endedAt,
            Summary = $"wrote 'verdict': {verdict.Outcome.ToString().ToLowerInvariant()}",
        });
        events.Add(new RunEnded
        {
            Step = 1,
            Status = concluded ? RunStatus.Completed : RunStatus.Failed,
            Reason = R($"{verdict.Outcome}: {verdict.Message}"),
            FinalOutput = "verdict",
            Timestamp = endedAt,
        });

        var numbered = events.Select((e, i) => e with { RunId = runId, Sequence = i }).ToList();
        await store.AppendAsync(runId, 0, numbered, cancellationToken).ConfigureAwait(false);
    }

    private static JsonElement VerdictJson(ExpectationResult verdict)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", verdict.Kind);
            writer.WriteString("expectation", verdict.Description);
            writer.WriteString("outcome", verdict.Outcome.ToString().ToLowerInvariant());
            writer.WriteString("message", verdict.Message);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        return document.RootElement.Clone();
    }
}
