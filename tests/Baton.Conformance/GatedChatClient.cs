using Microsoft.Extensions.AI;

namespace Baton.Conformance;

/// <summary>
/// A model that answers every request with a fixed text, except that a chosen agent's calls wait for
/// <see cref="Release"/> after announcing themselves (<see cref="Entered"/>): the test holds a worker mid-call.
/// </summary>
public sealed class GatedChatClient(string? gatedAgent = null) : IChatClient
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>Gets a task that completes when the gated agent's call has reached the model.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Gets the number of requests received.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Lets the gated call answer.</summary>
    public void Release() => _release.TrySetResult();

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var system = messages.FirstOrDefault()?.Text ?? string.Empty;
        if (gatedAgent is not null && system.Contains($"You are {gatedAgent}.", StringComparison.Ordinal))
        {
            _entered.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
