using Baton.Resilience;
using Microsoft.Extensions.AI;

namespace Baton;

/// <summary>Adds Baton's chat-client middleware to a <see cref="ChatClientBuilder"/>.</summary>
public static class BatonChatClientBuilderExtensions
{
    /// <summary>
    /// Adds retries with exponential backoff and jitter for transient errors (408, 429, 5xx, 529, timeouts), honouring
    /// <c>Retry-After</c>, and a per-attempt timeout. Caller cancellation is never retried.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the defaults of <see cref="ChatResilienceOptions"/>, if given.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The configured options are not valid (thrown when the builder is built).</exception>
    public static ChatClientBuilder UseBatonResilience(this ChatClientBuilder builder, Action<ChatResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner =>
        {
            var options = new ChatResilienceOptions();
            configure?.Invoke(options);
            return new ResilientChatClient(inner, options);
        });
    }

    /// <summary>
    /// Sends calls to <paramref name="fallback"/> when the inner client fails (except on caller cancellation); the journal
    /// records <paramref name="name"/> as the path that served them.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="fallback">The client to fail over to (another provider or model).</param>
    /// <param name="name">The fallback's name in the journal.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseBatonFallback(this ChatClientBuilder builder, IChatClient fallback, string name = "fallback")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Use(inner => new FallbackChatClient(inner, fallback, name));
    }
}
