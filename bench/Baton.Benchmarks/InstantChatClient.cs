using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Baton.Benchmarks;

/// <summary>
/// A chat client that answers instantly with one pre-built response, so a benchmark measures only the
/// orchestration around the model call. Both sides of a comparison use the same instances.
/// </summary>
/// <remarks>Counts every call (plain and streaming) so a benchmark can prove it really called the model.</remarks>
internal sealed class InstantChatClient : IChatClient
{
    private readonly Task<ChatResponse> _response;
    private readonly ChatResponseUpdate[] _updates;
    private int _calls;

    public InstantChatClient(string reply)
    {
        Reply = reply;
        _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply))
        {
            ModelId = "instant",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 40, OutputTokenCount = 10, TotalTokenCount = 50 },
        });
        _updates =
        [
            new ChatResponseUpdate(ChatRole.Assistant, reply) { ModelId = "instant", FinishReason = ChatFinishReason.Stop },
        ];
    }

    /// <summary>Gets the fixed reply.</summary>
    public string Reply { get; }

    /// <summary>Gets the number of calls since the last <see cref="Reset"/>.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void Reset() => Volatile.Write(ref _calls, 0);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return _response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        foreach (var update in _updates)
        {
            yield return update;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
