using System.Runtime.CompilerServices;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Evaluation.Internal;

/// <summary>
/// The chat client a judge gets: answers from an earlier evaluation's recordings when the request is the same,
/// otherwise from the live judge model, and records every call so it can be journaled.
/// </summary>
internal sealed class JudgeRecorder(IChatClient? live, JudgeRecordings? recordings, TimeProvider timeProvider) : IChatClient
{
    private readonly List<JudgeCallRecord> _calls = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<JudgeCallRecord> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var hash = RequestFingerprint.Compute(list, options);
        var started = timeProvider.GetUtcNow();
        if (recordings is not null && recordings.TryGet(hash, out var recorded, out var runId))
        {
            Add(new JudgeCallRecord
            {
                Messages = list, RequestHash = hash, StartedAt = started, EndedAt = started, Text = recorded.Text,
                InputTokens = recorded.InputTokens, OutputTokens = recorded.OutputTokens, ModelId = recorded.ModelId, RecordedRunId = runId,
            });
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, recorded.Text))
            {
                ModelId = recorded.ModelId,
                Usage = new UsageDetails { InputTokenCount = recorded.InputTokens, OutputTokenCount = recorded.OutputTokens },
            };
        }

        if (live is null)
        {
            throw new JudgeUnavailableException(recordings is null
                ? "no judge model"
                : "the judge's request differs from the recording (the output, the criterion or the judge's prompt changed) and no judge model is given to answer it");
        }

        var timestamp = timeProvider.GetTimestamp();
        try
        {
            var response = await live.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            Add(new JudgeCallRecord
            {
                Messages = list, RequestHash = hash, StartedAt = started, EndedAt = timeProvider.GetUtcNow(), LatencyMs = timeProvider.GetElapsedTime(timestamp).TotalMilliseconds,
                Text = response.Text, InputTokens = response.Usage?.InputTokenCount, OutputTokens = response.Usage?.OutputTokenCount, ModelId = response.ModelId,
            });
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Add(new JudgeCallRecord
            {
                Messages = list, RequestHash = hash, StartedAt = started, EndedAt = timeProvider.GetUtcNow(), LatencyMs = timeProvider.GetElapsedTime(timestamp).TotalMilliseconds,
                ErrorType = ex.GetType().Name, ErrorMessage = ex.Message,
            });
            throw;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => live?.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The live client belongs to the evaluation's options, not to this recorder.
    }

    private void Add(JudgeCallRecord record)
    {
        lock (_lock)
        {
            _calls.Add(record);
        }
    }
}
