using System.Runtime.CompilerServices;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Specs;

/// <summary>Sends a call to the agent's fallback model when its own model fails, and says so in the response.</summary>
/// <remarks>Caller cancellation is never routed to the fallback.</remarks>
internal sealed class SpecFallbackChatClient(IChatClient primary, IChatClient fallback, string fallbackName) : DelegatingChatClient(primary)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        try
        {
            return await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            var response = await fallback.GetResponseAsync(list, options?.Clone(), cancellationToken).ConfigureAwait(false);
            response.AdditionalProperties ??= [];
            response.AdditionalProperties[BatonChatResponseProperties.ServedBy] = fallbackName;
            return response;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Streaming is answered whole so a failure before the answer can still fall back.
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }

        base.Dispose(disposing);
    }
}
