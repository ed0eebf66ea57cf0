using Baton.Agents;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// Shapes requests for Ollama: OllamaSharp sends a JSON schema response format as Ollama's <c>format</c> schema;
/// this adds the output-token limit (<c>num_predict</c>) to every request and declares the mechanism.
/// </summary>
internal sealed class OllamaRequestAdapter(IChatClient inner, int defaultMaxOutputTokens) : DelegatingChatClient(inner)
{
    private static readonly ModelCapabilities s_capabilities = new() { StructuredOutput = StructuredOutputMechanism.Format };

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Shape(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Shape(options), cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ModelCapabilities) ? s_capabilities : base.GetService(serviceType, serviceKey);

    private ChatOptions Shape(ChatOptions? options)
    {
        var shaped = options?.Clone() ?? new ChatOptions();
        shaped.MaxOutputTokens ??= defaultMaxOutputTokens;
        return shaped;
    }
}
