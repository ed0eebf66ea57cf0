using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration;

/// <summary>
/// Runs the model side of one agent turn: the call, parsing and contract validation, bounded re-asks that feed the
/// exact errors back, and the agent's fallback. Never returns an output that broke the agent's contract.
/// </summary>
/// <remarks>Everything goes through <see cref="RunSession.CallModelAsync"/> and <see cref="RunSession.AppendAsync{TEvent}"/>,
/// so a resumed run replays the same attempts.</remarks>
internal static class AgentTurnRunner
{
    public static async ValueTask<TurnOutcome> RunAsync(RunSession session, Agent agent, int step, AgentView view, CancellationToken cancellationToken)
    {
        var hasFallback = agent.Fallback is not null;
        var primary = await AttemptAsync(session, agent, agent, step, firstAttempt: 1, view, hasFallback, cancellationToken).ConfigureAwait(false);
        if (primary.Value is not null || primary.Outcome.Status != RunStatus.Failed || agent.Fallback is not { } fallback)
        {
            return primary;
        }

        await session.AppendAsync(new FallbackUsed { Step = step, Agent = agent.Name, Via = fallback.Via, Reason = primary.Outcome.Reason ?? "The agent failed." }, cancellationToken).ConfigureAwait(false);
        if (fallback.Answer is { } answer)
        {
            var errors = agent.Contract?.Validate(answer).Errors ?? [];
            if (!errors.IsDefaultOrEmpty)
            {
                return TurnOutcome.Fail(
                    $"Agent '{agent.Name}' (step {step}) failed and its fixed fallback answer breaks contract '{agent.Contract!.Name}':\n{Describe(errors)}\nFirst failure: {primary.Outcome.Reason}",
                    null);
            }

            return new TurnOutcome(StepOutcome.Completed, answer.ValueKind == JsonValueKind.String ? answer.GetString() : answer.GetRawText(), answer, fallback.Via);
        }

        var backup = await AttemptAsync(session, agent, fallback.Agent!, step, primary.NextAttempt, view, hasFallback: false, cancellationToken).ConfigureAwait(false);
        if (backup.Value is null)
        {
            return backup.Outcome.Status == RunStatus.Failed
                ? TurnOutcome.Fail($"{primary.Outcome.Reason}\nIts fallback agent '{fallback.Agent!.Name}' failed too: {backup.Outcome.Reason}", backup.Text)
                : backup;
        }

        return backup with { Via = fallback.Via };
    }

    private static async ValueTask<TurnOutcome> AttemptAsync(
        RunSession session, Agent owner, Agent caller, int step, int firstAttempt, AgentView view, bool hasFallback, CancellationToken cancellationToken)
    {
        var contract = owner.Contract;
        var format = contract is not null ? AgentOutputFormat.Json : owner.OutputFormat;
        var options = OptionsFor(caller, contract);
        var baseMessages = BuildMessages(caller, view);
        var messages = baseMessages;
        var attempt = firstAttempt;
        ImmutableArray<OutputValidationError> errors = [];
        string? lastText = null;
        for (var reask = 0; reask <= caller.MaxReasks; reask++, attempt++)
        {
            var call = await session.CallModelAsync(caller, step, attempt, messages, options, cancellationToken).ConfigureAwait(false);
            if (!call.Outcome.IsCompleted)
            {
                return new TurnOutcome(call.Outcome, null, null, call.ServedBy) { NextAttempt = attempt + 1 };
            }

            lastText = call.Text;
            if (!AgentOutputParser.TryParse(call.Text, format, out var value, out var parseError))
            {
                errors = [new OutputValidationError(string.Empty, parseError!)];
            }
            else
            {
                errors = contract?.Validate(value).Errors ?? [];
                if (errors.IsDefaultOrEmpty)
                {
                    return new TurnOutcome(StepOutcome.Completed, call.Text, value, call.ServedBy);
                }
            }

            var last = reask == caller.MaxReasks;
            await session.AppendAsync(
                new ValidationFailed
                {
                    Step = step,
                    Agent = caller.Name,
                    Attempt = attempt,
                    Contract = contract?.Name,
                    Errors = errors,
                    Next = !last ? "reask" : hasFallback ? "fallback" : "fail",
                },
                cancellationToken).ConfigureAwait(false);
            messages = [.. baseMessages, new ChatMessage(ChatRole.Assistant, call.Text ?? string.Empty), new ChatMessage(ChatRole.User, ReaskPrompt(contract, errors))];
        }

        var what = contract is null ? "an unusable reply" : $"output that breaks contract '{contract.Name}'";
        return TurnOutcome.Fail(
            $"Agent '{caller.Name}' (step {step}) gave {what} on all {caller.MaxReasks + 1} attempts; last errors:\n{Describe(errors)}",
            lastText) with { NextAttempt = attempt };
    }

    internal static string ReaskPrompt(OutputContract? contract, ImmutableArray<OutputValidationError> errors)
    {
        var sb = new StringBuilder(256);
        sb.Append(contract is null
            ? "Your previous reply could not be used:\n"
            : $"Your previous reply was rejected: it does not satisfy the output contract '{contract.Name}'. Errors (JSON path: problem):\n");
        sb.Append(Describe(errors)).Append('\n');
        sb.Append(contract is null
            ? "Reply again with the corrected answer only."
            : "Reply again with only the corrected JSON value, fixing every error above.");
        return sb.ToString();
    }

    internal static List<ChatMessage> BuildMessages(Agent agent, AgentView view)
    {
        var messages = new List<ChatMessage>(2);
        if (agent.Instructions.Length > 0)
        {
            messages.Add(new ChatMessage(ChatRole.System, agent.Instructions));
        }

        messages.Add(new ChatMessage(ChatRole.User, view.ToPrompt()));
        return messages;
    }

    private static ChatOptions? OptionsFor(Agent caller, OutputContract? contract)
    {
        if (contract is not { RequestStructuredOutput: true } || caller.ChatOptions?.ResponseFormat is ChatResponseFormatJson)
        {
            return caller.ChatOptions;
        }

        var options = caller.ChatOptions?.Clone() ?? new ChatOptions();
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(contract.Schema, contract.Name);
        return options;
    }

    private static string Describe(ImmutableArray<OutputValidationError> errors) => string.Join('\n', errors.Select(e => $"- {e}"));
}
