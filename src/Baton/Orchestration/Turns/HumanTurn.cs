using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration.Runtime;

namespace Baton.Orchestration.Turns;

/// <summary>
/// The "call" of a turn that a person answers: the question is journaled (<see cref="InputRequested"/>) and the answer
/// comes from the journal (<see cref="InputProvided"/>), never from memory. With no answer yet, the turn stops the run
/// with <see cref="RunStatus.AwaitingInput"/>; past the question's due time it journals <see cref="InputTimedOut"/> and
/// fails, so the agent's fallback applies.
/// </summary>
/// <remarks>
/// A person's answer is read by the turn's own <see cref="ReplyReader"/> (its contract, its verdict format) before it
/// is journaled: an answer the reader refuses throws <see cref="InputRejectedException"/> before anything is written,
/// so the run keeps waiting. A recorded answer is read again on resume and replay, and the question is never asked
/// twice.
/// </remarks>
internal static class HumanTurn
{
    private const int QuestionPreviewChars = 160;

    public static async ValueTask<AgentTurnResult> AskAsync(
        JournalCursor cursor, Agent caller, int step, int attempt, AgentView view, ReplyReader reader, bool hasFallback, CancellationToken cancellationToken)
    {
        var human = caller.Human!;
        var request = await cursor.AppendAsync(
            new InputRequested
            {
                Step = step,
                Agent = caller.Name,
                Assignee = human.Assignee ?? caller.Name,
                Question = human.Question,
                View = view,
                Expects = reader.HumanInput,
                Contract = reader.ContractName,
                Schema = reader.ContractSchema,
                Timeout = human.Timeout,
                DueAt = cursor.TimeProvider.GetUtcNow() + human.Timeout,
            },
            cancellationToken).ConfigureAwait(false);

        var answer = cursor.TakeRecordedInput(request)
            ?? await AnswerLiveAsync(cursor, caller, request, reader, hasFallback, cancellationToken).ConfigureAwait(false);
        switch (answer)
        {
            case InputProvided provided:
                var reading = Read(reader, provided.Answer);
                if (!reading.IsAccepted)
                {
                    throw new ReplayMismatchException(
                        $"Run '{cursor.RunId}': the answer {provided.Respondent} gave '{caller.Name}' at step {step} (event #{provided.Sequence}) no longer satisfies the step: {string.Join("; ", reading.Errors)}. The orchestration or its contract changed since the run was recorded.");
                }

                if (reader.Accepted(step, caller.Name, attempt, reading) is { } accepted)
                {
                    await cursor.AppendAsync(accepted, cancellationToken).ConfigureAwait(false);
                }

                return new AgentTurnResult { Outcome = StepOutcome.Completed, Text = provided.Answer, Value = reading.Value, Parsed = reading.Parsed, NextAttempt = attempt + 1 };
            case InputTimedOut timedOut:
                return new AgentTurnResult
                {
                    Outcome = StepOutcome.Stop(
                        RunStatus.Failed,
                        $"Nobody answered '{caller.Name}' (step {step}) by {timedOut.DueAt:yyyy-MM-dd HH:mm:ss} UTC, {request.Timeout} after {request.Assignee} was asked."),
                    NextAttempt = attempt + 1,
                };
            default:
                var due = request.DueAt is { } at ? $" by {at:yyyy-MM-dd HH:mm:ss} UTC" : string.Empty;
                return new AgentTurnResult
                {
                    Outcome = StepOutcome.Stop(
                        RunStatus.AwaitingInput,
                        $"Waiting for {request.Assignee} to answer '{caller.Name}' (step {step}){due}: {Preview(request.Question)}"),
                    NextAttempt = attempt,
                };
        }
    }

    private static async ValueTask<JournalEvent?> AnswerLiveAsync(
        JournalCursor cursor, Agent caller, InputRequested request, ReplyReader reader, bool hasFallback, CancellationToken cancellationToken)
    {
        if (cursor.IsReplayOnly)
        {
            // A replay ends where its recording waits; it never takes an answer or reads the clock.
            return null;
        }

        if (cursor.Answer is { } given && given.Request == request.Sequence)
        {
            var reply = ReplyFor(reader, given.Answer, out var problem);
            if (reply is null)
            {
                throw new InputRejectedException(problem!, [new Validation.OutputValidationError(string.Empty, problem!)]);
            }

            var reading = Read(reader, reply);
            if (!reading.IsAccepted)
            {
                var contract = reader.ContractName is { } name ? $" (contract '{name}')" : string.Empty;
                throw new InputRejectedException($"The answer for '{caller.Name}' at step {request.Step} cannot be taken{contract}:\n{string.Join('\n', reading.Errors.Select(e => $"- {e}"))}", reading.Errors);
            }

            return await cursor.WriteAnswerAsync(
                new InputProvided { Step = request.Step, Agent = caller.Name, Request = request.Sequence, Respondent = given.Respondent, Answer = reply },
                cancellationToken).ConfigureAwait(false);
        }

        if (request.DueAt is { } due && cursor.TimeProvider.GetUtcNow() >= due)
        {
            return await cursor.AppendAsync(
                new InputTimedOut { Step = request.Step, Agent = caller.Name, Request = request.Sequence, DueAt = due, Fallback = (hasFallback ? caller.Fallback! : Fallback.Fail).ToString() },
                cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    // Turning an answer into the reply text reads hostile input too: an exception is a refusal, never the run's end.
    private static string? ReplyFor(ReplyReader reader, Humans.HumanAnswer answer, out string? problem)
    {
        try
        {
            return reader.ReplyFor(answer, out problem);
        }
#pragma warning disable CA1031 // Any exception from reading an answer makes it unusable.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            problem = $"The answer could not be read ({ex.GetType().Name}: {ex.Message}).";
            return null;
        }
    }

    // A person's answer is hostile input like a model's reply: whatever the reader does with it, it is a rejection, never the run's end.
    private static ReplyReading Read(ReplyReader reader, string text)
    {
        try
        {
            return reader.ReadHuman(text);
        }
#pragma warning disable CA1031 // Any exception from reading an answer makes it unusable.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return ReplyReading.Reject($"The answer could not be read ({ex.GetType().Name}: {ex.Message}).", string.Empty);
        }
    }

    private static string Preview(string question)
    {
        var line = question.ReplaceLineEndings(" ").Trim();
        return line.Length <= QuestionPreviewChars ? line : string.Concat(line.AsSpan(0, QuestionPreviewChars - 1), "…");
    }
}
