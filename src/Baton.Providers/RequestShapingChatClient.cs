using Baton.Agents;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// The shape shared by the provider request adapters whose only work is on the request: every call's options are
/// copied, given the output-token limit when the caller set none, and shaped further by the provider; the adapter
/// declares the provider's <see cref="ModelCapabilities"/>.
/// </summary>
/// <param name="inner">The provider's client.</param>
/// <param name="capabilities">What the provider can enforce.</param>
/// <param name="defaultMaxOutputTokens">The output-token limit of requests that name none.</param>
internal abstract class RequestShapingChatClient(IChatClient inner, ModelCapabilities capabilities, int defaultMaxOutputTokens) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Shape(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Shape(options), cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ModelCapabilities) ? capabilities : base.GetService(serviceType, serviceKey);

    /// <summary>Copies the caller's options and gives them the output-token limit when they name none.</summary>
    /// <param name="options">The caller's options.</param>
    /// <returns>The options sent to the provider (never the caller's instance).</returns>
    protected virtual ChatOptions Shape(ChatOptions? options)
    {
        var shaped = options?.Clone() ?? new ChatOptions();
        shaped.MaxOutputTokens ??= defaultMaxOutputTokens;
        return shaped;
    }
}
