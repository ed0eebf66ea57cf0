using System.Text;
using System.Text.Json;
using Baton.Evaluation.Expectations;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Evaluation.Internal;

/// <summary>
/// Journals a judge's evaluation as a run of its own in the runner's store, so <c>baton show</c> and <c>baton report</c>
/// open it like any run: run_started, one handoff to the judge, each call (agent_called, then agent_answered or
/// agent_failed), the verdict as an output, run_ended.
/// </summary>
/// <remarks>
/// The events go through the runner's journal cursor (<see cref="HandoffRunner.StartJournal"/>), the one path every new
/// run is written by: the runner's redaction, observers and lease (epoch 1, its worker id) apply as to any run. The
/// judge's calls happened before they are journaled (the evaluator made them), so the cursor's clock gives each event
/// the time its call started or ended.
/// </remarks>
internal static class JudgeJournal
{
    public const string Orchestration = "eval-judge";

    public static async ValueTask WriteAsync(
        HandoffRunner runner, string runId, string judge, EvalCase evalCase, int repeat, string? caseRunId, ExpectationResult verdict, IReadOnlyList<JudgeCallRecord> calls, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        var clock = new RecordedClock(calls.Count > 0 ? calls[0].StartedAt : endedAt);
        var cursor = runner.StartJournal(runId, clock);
        await cursor.StartAsync(
            new RunStarted
            {
                Orchestration = Orchestration,
                Task = $"{verdict.Description} (case '{evalCase.Id}', repeat {repeat})",
                Intent = caseRunId is null ? $"Judge case '{evalCase.Id}'." : $"Judge run {caseRunId} of case '{evalCase.Id}'.",
                Limits = RunLimits.Default,
            },
            [],
            cancellationToken).ConfigureAwait(false);
        var reused = calls.Where(c => c.RecordedRunId is not null).Select(c => c.RecordedRunId).Distinct(StringComparer.Ordinal).ToList();
        var note = (caseRunId is null ? string.Empty : $"judging run {caseRunId}")
            + (reused.Count == 0 ? string.Empty : $"; {calls.Count(c => c.RecordedRunId is not null)} of {calls.Count} answers reused from judge run(s) {string.Join(", ", reused)}");
        await cursor.AppendAsync(new HandoffRecorded { Step = 1, Agent = judge, To = judge, Note = note.Length == 0 ? null : note.TrimStart(';', ' ') }, cancellationToken).ConfigureAwait(false);
        var attempt = 0;
        foreach (var call in calls)
        {
            attempt++;
            clock.Now = call.StartedAt;
            await cursor.AppendAsync(
                new AgentCalled
                {
                    Step = 1, Agent = judge, Attempt = attempt, RequestHash = call.RequestHash,
                    Messages = [.. call.Messages.Select(m => new JournalMessage(m.Role.Value, m.Text))],
                },
                cancellationToken).ConfigureAwait(false);
            clock.Now = call.EndedAt;
            JournalEvent outcome = call.Text is { } text
                ? new AgentAnswered
                {
                    Step = 1, Agent = judge, Attempt = attempt, Text = text, InputTokens = call.InputTokens, OutputTokens = call.OutputTokens,
                    LatencyMs = call.LatencyMs, ModelId = call.ModelId,
                }
                : new AgentFailed
                {
                    Step = 1, Agent = judge, Attempt = attempt, ErrorType = call.ErrorType ?? "Exception", Message = call.ErrorMessage ?? string.Empty,
                    LatencyMs = call.LatencyMs,
                };
            await cursor.AppendAsync(outcome, cancellationToken).ConfigureAwait(false);
        }

        clock.Now = endedAt;
        var concluded = verdict.Outcome is ExpectationOutcome.Passed or ExpectationOutcome.Failed;
        await cursor.AppendAsync(
            new OutputRecorded
            {
                Step = 1, Agent = judge, Name = "verdict", Value = VerdictJson(verdict),
                Summary = $"wrote 'verdict': {verdict.Outcome.ToString().ToLowerInvariant()}",
            },
            cancellationToken).ConfigureAwait(false);
        await cursor.EndAsync(concluded ? RunStatus.Completed : RunStatus.Failed, $"{verdict.Outcome}: {verdict.Message}", "verdict", limit: null).ConfigureAwait(false);
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

    /// <summary>A clock that reads the time the journaled call happened, set before each of its events is written.</summary>
    private sealed class RecordedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
