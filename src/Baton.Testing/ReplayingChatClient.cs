using System.Runtime.CompilerServices;
using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Testing;

/// <summary>
/// A chat client that answers from recorded run journals: a request gets the answer journaled for the same request
/// (same messages and options, by <see cref="RequestFingerprint"/>). Record a test once against a real model with a
/// durable store, then replay it in CI with no model and no key.
/// </summary>
/// <remarks>
/// <para>Thread-safe. When the same request was recorded several times, its answers are returned in recording order
/// (the last one repeats).</para>
/// <para>A request with no recording throws <see cref="ScriptExhaustedException"/>: the prompt, the agent's
/// instructions or its options changed since the recording was made.</para>
/// </remarks>
public sealed class ReplayingChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<AgentAnswered>> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    /// <summary>Creates a client that replays the answers in <paramref name="journal"/>.</summary>
    /// <param name="journal">Journal events of one or more runs (each run's events in order).</param>
    public ReplayingChatClient(IEnumerable<JournalEvent> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var pending = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in journal)
        {
            switch (e)
            {
                case AgentCalled called:
                    pending[called.RunId] = called.RequestHash;
                    break;
                case AgentAnswered answered when pending.Remove(answered.RunId, out var hash):
                    if (!_answers.TryGetValue(hash, out var list))
                    {
                        _answers[hash] = list = [];
                    }

                    list.Add(answered);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Gets the number of distinct requests that have a recorded answer.</summary>
    public int RecordedRequests => _answers.Count;

    /// <summary>Creates a client that replays every run in a store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">A token to cancel the reads.</param>
    /// <returns>The client.</returns>
    public static async Task<ReplayingChatClient> FromStoreAsync(IRunStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var events = new List<JournalEvent>();
        foreach (var run in await store.ListRunsAsync(int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            events.AddRange(await store.ReadAsync(run.RunId, cancellationToken).ConfigureAwait(false));
        }

        return new ReplayingChatClient(events);
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var hash = RequestFingerprint.Compute(list, options);
        AgentAnswered answer;
        lock (_gate)
        {
            if (!_answers.TryGetValue(hash, out var recorded))
            {
                var role = new ScriptedRequest(0, [.. list], options).Role ?? "(unknown)";
                throw new ScriptExhaustedException(
                    $"No recorded answer for this request (agent '{role}', request hash {hash[..12]}). The prompt, the instructions or the options changed since the recording: record again against a real model.");
            }

            var position = _positions.GetValueOrDefault(hash);
            answer = recorded[Math.Min(position, recorded.Count - 1)];
            _positions[hash] = position + 1;
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
        {
            ModelId = answer.ModelId,
            FinishReason = answer.FinishReason is { } reason ? new ChatFinishReason(reason) : null,
            Usage = answer.InputTokens is null && answer.OutputTokens is null
                ? null
                : new UsageDetails { InputTokenCount = answer.InputTokens, OutputTokenCount = answer.OutputTokens },
        };
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
