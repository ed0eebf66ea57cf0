using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Fuzz;

/// <summary>Resolves every model to a client that is never called: the fuzzer only builds orchestrations.</summary>
internal sealed class NullModelResolver : IModelResolver
{
    public static NullModelResolver Instance { get; } = new();

    public IChatClient Resolve(ModelReference model, AgentSpec agent) => NullClient.Instance;

    private sealed class NullClient : IChatClient
    {
        public static NullClient Instance { get; } = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The fuzzer never calls a model.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The fuzzer never calls a model.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
