using Microsoft.Extensions.AI;

namespace Baton.Specs;

/// <summary>Resolves every model to a client that must never be called: used to check a spec's orchestration without models.</summary>
internal sealed class PlaceholderModelResolver : IModelResolver
{
    public static PlaceholderModelResolver Instance { get; } = new();

    /// <summary>Gets the client every model resolves to.</summary>
    public static IChatClient Client => PlaceholderChatClient.Instance;

    public IChatClient Resolve(ModelReference model, AgentSpec agent) => PlaceholderChatClient.Instance;

    private sealed class PlaceholderChatClient : IChatClient
    {
        public static PlaceholderChatClient Instance { get; } = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("This orchestration was built only to check a spec; it cannot call models.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("This orchestration was built only to check a spec; it cannot call models.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
