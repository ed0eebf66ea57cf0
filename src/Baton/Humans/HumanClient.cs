using Microsoft.Extensions.AI;

namespace Baton.Humans;

/// <summary>The chat client of an agent a person answers: its turns ask the person, so any model call is a bug.</summary>
internal sealed class HumanClient : IChatClient
{
    public static HumanClient Instance { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("This agent is answered by a person: its turn asks them (input_requested) and never calls a model.");

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("This agent is answered by a person: its turn asks them (input_requested) and never calls a model.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
