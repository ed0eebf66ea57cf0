using System.Text.Json;
using Baton.Agents;
using Baton.Compression;
using Baton.Context;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration.Runtime;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Turns;

/// <summary>
/// One agent turn, read top to bottom: guards → handoff and view → context budget → prompt → call → read
/// (parse, validate, re-ask with the exact problems) → the agent's fallback → record the output. Every turn goes
/// through here: agent steps, supervisor decisions and review verdicts differ only in their <see cref="ReplyReader"/>,
/// and a turn a person answers differs only in its call (<see cref="HumanTurn"/>: a journaled question and answer).
/// </summary>
/// <remarks>
/// Takes the run's journal cursor and settings and returns the turn's result; it never calls back into the run
/// context. Everything is journaled through the cursor, so a resumed run re-executes the same turn against its
/// recording: the same attempts, the same answers, no model call repeated.
/// </remarks>
internal static class AgentTurnPipeline
{
    public static async ValueTask<AgentTurnResult> RunAsync(JournalCursor cursor, TurnSettings settings, Agent agent, AgentTurn turn, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // 1. Guards: the run-wide limits hold before any new work.
        var guard = RunGuards.Check(cursor);
        if (!guard.IsCompleted)
        {
            return new AgentTurnResult { Outcome = guard };
        }

        var reader = turn.Reader ?? OutputReader.For(agent);
        var step = cursor.State.StepCount + 1;

        // 2-4. Handoff, view, budget and prompt (a supervisor's decision brings its own messages instead).
        var view = turn.Messages is null ? await PrepareAsync(cursor, settings, agent, turn, step, cancellationToken).ConfigureAwait(false) : null;

        // 5-6. Call (or ask a person), read, re-ask; then the agent's own fallback.
        var hasFallback = reader.UsesAgentFallback && agent.Fallback is { Kind: not FallbackKind.Fail };
        var recordAs = turn.RecordOutput ? turn.OutputName ?? agent.OutputName : null;
        var result = await AttemptAsync(cursor, settings, agent, step, firstAttempt: 1, turn.Messages, view, reader, hasFallback, recordAs, cancellationToken).ConfigureAwait(false);
        if (hasFallback && result.Outcome.Status == RunStatus.Failed)
        {
            result = await FallBackAsync(cursor, settings, agent, agent.Fallback!, step, view, reader, result, recordAs, cancellationToken).ConfigureAwait(false);
        }

        // 7. Record the output.
        if (result.Outcome.IsCompleted && result.OutputName is { } outputName && result.Value is { } value)
        {
            await cursor.AppendAsync(
                new OutputRecorded { Step = step, Agent = agent.Name, Name = outputName, Value = value, Via = result.Via, Summary = OutputSummary.Of(outputName, value, result.Via) },
                cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static async ValueTask<AgentView> PrepareAsync(JournalCursor cursor, TurnSettings settings, Agent agent, AgentTurn turn, int step, CancellationToken cancellationToken)
    {
        var reads = turn.Reads ?? agent.Reads;
        await cursor.AppendAsync(
            new HandoffRecorded
            {
                Step = step,
                Agent = agent.Name,
                From = cursor.State.LastAgent,
                To = agent.Name,
                Outputs = reads ?? [.. cursor.Context.Outputs.Keys.Order(StringComparer.Ordinal)],
                Note = turn.Note,
            },
            cancellationToken).ConfigureAwait(false);

        var view = cursor.Context.ForAgent(agent.Name, reads, turn.Note);

        // A person reads the whole view: budgets bound model prompts.
        if (agent.ContextBudget is not null && agent.Human is null)
        {
            view = await BudgetAsync(cursor, settings, agent, step, view, reads, cancellationToken).ConfigureAwait(false);
        }

        return view;
    }

    // Apart from PrepareAsync so its closure is allocated only for agents with a budget.
    private static async ValueTask<AgentView> BudgetAsync(
        JournalCursor cursor, TurnSettings settings, Agent agent, int step, AgentView view, System.Collections.Immutable.ImmutableArray<string>? reads, CancellationToken cancellationToken)
    {
        var (budgeted, compressed) = await ContextBudgeting.ApplyAsync(
            agent, step, view, reads, settings.TokenCounter, settings.ContextCompressor,
            (summarizer, messages, ct) => CallForCompressionAsync(cursor, settings, summarizer, step, messages, ct),
            cancellationToken).ConfigureAwait(false);
        if (compressed is not null)
        {
            await cursor.AppendAsync(compressed, cancellationToken).ConfigureAwait(false);
        }

        return budgeted;
    }

    private static async ValueTask<AgentTurnResult> AttemptAsync(
        JournalCursor cursor,
        TurnSettings settings,
        Agent caller,
        int step,
        int firstAttempt,
        IList<ChatMessage>? given,
        AgentView? view,
        ReplyReader reader,
        bool hasFallback,
        string? recordAs,
        CancellationToken cancellationToken)
    {
        if (caller.Human is not null)
        {
            // A person's turn: the question is journaled instead of a model call, and the answer comes from the journal.
            if (view is null)
            {
                throw new InvalidOperationException($"Agent '{caller.Name}' is answered by a person, but this turn's prompt is not a view of the context (a supervisor's decision). A person can be a specialist, a step, a reviewer or a fallback, not a supervisor.");
            }

            var answered = await HumanTurn.AskAsync(cursor, caller, step, firstAttempt, view, reader, hasFallback, cancellationToken).ConfigureAwait(false);
            return answered with { Step = step, OutputName = answered.Outcome.IsCompleted && answered.Value is not null ? recordAs : null };
        }

        var options = ModelCaller.OptionsFor(caller, reader.ResponseFormat, reader.DefaultMaxOutputTokens);
        var mechanism = ModelCaller.MechanismFor(caller, options);
        var messages = given ?? PromptRenderer.Messages(caller.Instructions, view!.ToPrompt());
        var maxReasks = reader.MaxReasks(caller);
        var current = messages;
        var attempt = firstAttempt;
        var last = default(ReplyReading);
        string? lastText = null;
        for (var reask = 0; ; reask++, attempt++)
        {
            if (reask > 0 && reader.GuardsEachAttempt && RunGuards.Check(cursor) is { IsCompleted: false } guard)
            {
                return new AgentTurnResult { Outcome = guard, Step = step, NextAttempt = attempt };
            }

            var outcome = await ModelCaller.CallAsync(cursor, caller, step, attempt, current, options, mechanism, settings.TokenCounter, cancellationToken).ConfigureAwait(false);
            string? text = null;
            var servedBy = OutputVia.Primary;
            ReplyReading reading;
            switch (outcome)
            {
                case AgentFailed { ErrorType: ModelCaller.DeadlineExceeded }:
                    return new AgentTurnResult
                    {
                        Outcome = StepOutcome.Stop(RunStatus.DeadlineExceeded, $"The run passed its deadline of {cursor.Limits.Deadline} while agent '{caller.Name}' was working (step {step}).", LimitKind.RunDeadline),
                        Step = step,
                        NextAttempt = attempt + 1,
                    };
                case AgentFailed { ErrorType: ModelCaller.ModelOutput } refused:
                    reading = reader.Unusable($"The provider could not use the model's reply: {refused.Message}", RetryFix(reader));
                    break;
                case AgentFailed failed:
                    return new AgentTurnResult
                    {
                        Outcome = StepOutcome.Stop(RunStatus.Failed, $"Agent '{caller.Name}' failed at step {step}: {failed.ErrorType}: {failed.Message}"),
                        Step = step,
                        NextAttempt = attempt + 1,
                    };
                case AgentAnswered answered:
                    text = answered.Text;
                    lastText = text;
                    servedBy = answered.ServedBy;
                    reading = answered.Truncated && reader.ExpectsJson
                        ? reader.Unusable(
                            $"The reply was cut off at the output-token limit ({options.MaxOutputTokens} tokens) before it was complete.",
                            "Reply again with a shorter answer: only the complete JSON value, nothing around it.")
                        : Read(reader, answered.Text);
                    break;
                default:
                    throw new InvalidOperationException($"A model call ended with {outcome.Kind}, not an answer or a failure.");
            }

            if (reading.IsAccepted)
            {
                if (reader.Accepted(step, caller.Name, attempt, reading) is { } accepted)
                {
                    await cursor.AppendAsync(accepted, cancellationToken).ConfigureAwait(false);
                }

                return new AgentTurnResult
                {
                    Outcome = StepOutcome.Completed,
                    Step = step,
                    Text = text,
                    Value = reading.Value,
                    OutputName = reading.Value is null ? null : recordAs,
                    Parsed = reading.Parsed,
                    Via = servedBy,
                    NextAttempt = attempt + 1,
                };
            }

            last = reading;
            var final = reask >= maxReasks || !reading.Reaskable;
            await cursor.AppendAsync(
                reading.JournalAsValidation
                    ? new ValidationFailed
                    {
                        Step = step,
                        Agent = caller.Name,
                        Attempt = attempt,
                        Contract = reader.ContractName,
                        Errors = reading.Errors,
                        Next = !final ? ValidationNext.Reask : hasFallback ? ValidationNext.Fallback : ValidationNext.Fail,
                    }
                    : reader.Rejected(step, caller.Name, attempt, reading),
                cancellationToken).ConfigureAwait(false);
            if (final)
            {
                attempt++;
                break;
            }

            current = text is null
                ? [.. messages, PromptRenderer.Reask(reading.Problem, reading.Fix, reask + 1, maxReasks + 1, caller.Name)]
                : [.. messages, new ChatMessage(ChatRole.Assistant, text), PromptRenderer.Reask(reading.Problem, reading.Fix, reask + 1, maxReasks + 1, caller.Name)];
        }

        if (reader.OnExhausted(last) is { IsAccepted: true } instead)
        {
            return new AgentTurnResult
            {
                Outcome = StepOutcome.Completed,
                Step = step,
                Text = lastText,
                Value = instead.Value,
                OutputName = instead.Value is null ? null : recordAs,
                Parsed = instead.Parsed,
                NextAttempt = attempt,
            };
        }

        return new AgentTurnResult
        {
            Outcome = StepOutcome.Stop(
                RunStatus.Failed,
                $"Agent '{caller.Name}' (step {step}) gave {reader.WhatFailed} on all {attempt - firstAttempt} attempts; last errors:\n{Describe(last)}"),
            Step = step,
            Text = lastText,
            NextAttempt = attempt,
            RepliesUnusable = true,
        };
    }

    private static async ValueTask<AgentTurnResult> FallBackAsync(
        JournalCursor cursor,
        TurnSettings settings,
        Agent agent,
        Fallback fallback,
        int step,
        AgentView? view,
        ReplyReader reader,
        AgentTurnResult primary,
        string? recordAs,
        CancellationToken cancellationToken)
    {
        var via = fallback.Via;
        await cursor.AppendAsync(new FallbackUsed { Step = step, Agent = agent.Name, Via = via, Reason = primary.Outcome.Reason ?? "The agent failed." }, cancellationToken).ConfigureAwait(false);
        if (fallback.Answer is { } answer)
        {
            var reading = ReadFixed(reader, answer);
            if (!reading.IsAccepted)
            {
                return new AgentTurnResult
                {
                    Outcome = StepOutcome.Stop(
                        RunStatus.Failed,
                        $"Agent '{agent.Name}' (step {step}) failed and its fixed fallback answer breaks contract '{reader.ContractName}':\n{Describe(reading)}\nFirst failure: {primary.Outcome.Reason}"),
                    Step = step,
                };
            }

            if (reader.Accepted(step, agent.Name, primary.NextAttempt, reading) is { } accepted)
            {
                await cursor.AppendAsync(accepted, cancellationToken).ConfigureAwait(false);
            }

            var text = answer.ValueKind == JsonValueKind.String ? answer.GetString() : answer.GetRawText();
            return new AgentTurnResult
            {
                Outcome = StepOutcome.Completed,
                Step = step,
                Text = text,
                Value = reading.Value,
                OutputName = reading.Value is null ? null : recordAs,
                Parsed = reading.Parsed,
                Via = via,
            };
        }

        var backupAgent = fallback.Agent!;
        var backup = await AttemptAsync(cursor, settings, backupAgent, step, primary.NextAttempt, given: null, view, reader, hasFallback: false, recordAs, cancellationToken).ConfigureAwait(false);
        if (!backup.Outcome.IsCompleted)
        {
            return backup.Outcome.Status == RunStatus.Failed
                ? backup with { Outcome = StepOutcome.Stop(RunStatus.Failed, $"{primary.Outcome.Reason}\nIts fallback agent '{backupAgent.Name}' failed too: {backup.Outcome.Reason}") }
                : backup;
        }

        return backup with { Via = via };
    }

    private static async ValueTask<AgentAnswered?> CallForCompressionAsync(
        JournalCursor cursor, TurnSettings settings, Agent summarizer, int step, IList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var options = ModelCaller.OptionsFor(summarizer, null, BatonDefaults.AgentMaxOutputTokens);
        var outcome = await ModelCaller.CallAsync(cursor, summarizer, step, attempt: 1, messages, options, Agents.StructuredOutputMechanism.None, settings.TokenCounter, cancellationToken).ConfigureAwait(false);
        return outcome as AgentAnswered;
    }

    // Defense in depth: whatever a parser or validator does with model text, the reply is unusable, never the run's end.
    private static ReplyReading Read(ReplyReader reader, string text)
    {
        try
        {
            return reader.Read(text);
        }
#pragma warning disable CA1031 // Model text is hostile input: any exception from reading it makes the reply unusable.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return reader.Unusable($"The reply could not be read ({ex.GetType().Name}: {ex.Message}).", RetryFix(reader));
        }
    }

    private static ReplyReading ReadFixed(ReplyReader reader, JsonElement answer)
    {
        try
        {
            return reader.ReadFixedAnswer(answer);
        }
#pragma warning disable CA1031 // A fixed answer that breaks the reader is reported like an invalid one.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return ReplyReading.Reject($"The fixed answer could not be read ({ex.GetType().Name}: {ex.Message}).", string.Empty);
        }
    }

    private static string RetryFix(ReplyReader reader) =>
        reader.ExpectsJson ? "Reply again with only the JSON value." : "Reply again with your answer only.";

    private static string Describe(ReplyReading reading) => string.Join('\n', reading.Errors.Select(e => $"- {e}"));
}
