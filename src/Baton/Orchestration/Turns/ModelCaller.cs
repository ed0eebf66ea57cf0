using System.Collections.Immutable;
using Baton.Agents;
using Baton.Compression;
using Baton.Journal;
using Baton.Orchestration.Runtime;
using Baton.Resilience;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Turns;

/// <summary>
/// Sends one model call and journals it: <see cref="AgentCalled"/> before, then <see cref="AgentAnswered"/> or
/// <see cref="AgentFailed"/>. While a resumed run re-executes, returns the recorded answer without calling the model.
/// </summary>
/// <remarks>
/// Returns the journal event itself, so a call's result is what the journal says: an answer (maybe cut at the
/// output-token limit), a failure, an unusable reply (<see cref="ModelOutputException"/>), or the deadline.
/// Caller cancellation propagates as <see cref="OperationCanceledException"/> (nothing is journaled for it).
/// </remarks>
internal static class ModelCaller
{
    /// <summary>The <see cref="AgentFailed.ErrorType"/> of a call the run's deadline cancelled.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>The <see cref="AgentFailed.ErrorType"/> of a call whose reply could not be used (<see cref="ModelOutputException"/>).</summary>
    public const string ModelOutput = nameof(ModelOutputException);

    public static async ValueTask<JournalEvent> CallAsync(
        JournalCursor cursor,
        Agent agent,
        int step,
        int attempt,
        IList<ChatMessage> messages,
        ChatOptions options,
        StructuredOutputMechanism mechanism,
        ITokenCounter? tokenCounter,
        CancellationToken cancellationToken)
    {
        var journalMessages = ImmutableArray.CreateBuilder<JournalMessage>(messages.Count);
        foreach (var m in messages)
        {
            journalMessages.Add(new JournalMessage(m.Role.Value, m.Text));
        }

        await cursor.AppendAsync(
            new AgentCalled
            {
                Step = step,
                Agent = agent.Name,
                Attempt = attempt,
                Messages = journalMessages.MoveToImmutable(),
                RequestHash = RequestFingerprint.Compute(messages, options),
                ContextTokens = CountContextTokens(tokenCounter, agent, messages),
                MaxOutputTokens = options.MaxOutputTokens,
                StructuredOutput = mechanism,
            },
            cancellationToken).ConfigureAwait(false);

        if (cursor.IsReplaying)
        {
            return cursor.TakeRecordedOutcome(step, agent.Name);
        }

        await cursor.GoLiveAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(cursor, agent, step, attempt, messages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the structured-output mechanism a call with <paramref name="options"/> uses on <paramref name="agent"/>'s client.</summary>
    public static StructuredOutputMechanism MechanismFor(Agent agent, ChatOptions options) =>
        options.ResponseFormat is ChatResponseFormatJson { Schema: not null }
            ? (agent.Client.GetService(typeof(ModelCapabilities)) as ModelCapabilities ?? ModelCapabilities.Unknown).StructuredOutput
            : StructuredOutputMechanism.None;

    /// <summary>
    /// Gets the options of a call of <paramref name="caller"/>: its own, with its output-token limit and the structured
    /// output requested. Built once per agent and kind of turn (the agent is immutable) and shared by its calls: Baton
    /// never changes them, and middleware clones options before changing them, as Microsoft.Extensions.AI's does.
    /// </summary>
    public static ChatOptions OptionsFor(Agent caller, ChatResponseFormat? responseFormat, int defaultMaxOutputTokens)
    {
        if (caller.TurnOptions is { } cached && ReferenceEquals(cached.Format, responseFormat) && cached.DefaultMaxOutputTokens == defaultMaxOutputTokens)
        {
            return cached.Options;
        }

        var options = caller.ChatOptions?.Clone() ?? new ChatOptions();
        options.MaxOutputTokens = caller.MaxOutputTokens ?? caller.ChatOptions?.MaxOutputTokens ?? defaultMaxOutputTokens;
        if (responseFormat is not null && options.ResponseFormat is not ChatResponseFormatJson)
        {
            options.ResponseFormat = responseFormat;
        }

        caller.TurnOptions = new Agent.CachedTurnOptions(responseFormat, defaultMaxOutputTokens, options);
        return options;
    }

    private static async ValueTask<JournalEvent> SendAsync(
        JournalCursor cursor, Agent agent, int step, int attempt, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        var time = cursor.TimeProvider;
        var deadlineSource = cursor.GetDeadlineSource();
        using var linked = deadlineSource is null || !cancellationToken.CanBeCanceled ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineSource.Token);
        var started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await agent.Client.GetResponseAsync(messages, options, linked?.Token ?? deadlineSource?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadlineSource?.IsCancellationRequested == true)
        {
            return await cursor.WriteOutcomeAsync(new AgentFailed
            {
                Step = step,
                Agent = agent.Name,
                Attempt = attempt,
                ErrorType = DeadlineExceeded,
                Message = "The run's deadline passed during the call.",
                LatencyMs = time.GetElapsedTime(started).TotalMilliseconds,
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ReplayMismatchException)
        {
            return await cursor.WriteOutcomeAsync(new AgentFailed
            {
                Step = step,
                Agent = agent.Name,
                Attempt = attempt,
                ErrorType = ex.GetType().Name,
                Message = ex.Message,
                LatencyMs = time.GetElapsedTime(started).TotalMilliseconds,
                Retries = ex.Data[BatonChatResponseProperties.Retries] is int retriedTimes ? retriedTimes : 0,
            }).ConfigureAwait(false);
        }

        var latency = time.GetElapsedTime(started).TotalMilliseconds;
        var properties = response.AdditionalProperties;
        return await cursor.WriteOutcomeAsync(new AgentAnswered
        {
            Step = step,
            Agent = agent.Name,
            Attempt = attempt,
            Text = response.Text,
            InputTokens = response.Usage?.InputTokenCount,
            OutputTokens = response.Usage?.OutputTokenCount,
            LatencyMs = latency,
            ModelId = response.ModelId,
            FinishReason = response.FinishReason?.Value,
            Truncated = response.FinishReason == ChatFinishReason.Length,
            ServedBy = properties?.TryGetValue(BatonChatResponseProperties.ServedBy, out string? servedBy) == true && !string.IsNullOrWhiteSpace(servedBy) ? new OutputVia(servedBy) : OutputVia.Primary,
            StructuredOutput = (properties?.TryGetValue(BatonChatResponseProperties.StructuredOutput, out var servedWith) == true ? servedWith : null) switch
            {
                StructuredOutputMechanism mechanism => mechanism,
                string name when !string.IsNullOrWhiteSpace(name) => new StructuredOutputMechanism(name),
                _ => null,
            },
            Retries = properties?.TryGetValue(BatonChatResponseProperties.Retries, out int retries) == true ? retries : 0,
        }).ConfigureAwait(false);
    }

    private static int? CountContextTokens(ITokenCounter? runCounter, Agent agent, IList<ChatMessage> messages)
    {
        var counter = runCounter ?? (agent.ContextBudget is null ? null : TiktokenTokenCounter.Default);
        if (counter is null)
        {
            return null;
        }

        var total = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            total += counter.CountTokens(messages[i].Text);
        }

        return total;
    }
}
