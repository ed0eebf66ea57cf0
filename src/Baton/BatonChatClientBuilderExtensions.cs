using Baton.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Baton;

/// <summary>Adds Baton's chat-client middleware to a <see cref="ChatClientBuilder"/>.</summary>
public static class BatonChatClientBuilderExtensions
{
    /// <summary>
    /// Adds retries with exponential backoff and jitter for transient errors (408, 429, 5xx, 529, timeouts), honouring
    /// <c>Retry-After</c>, and a per-attempt timeout. Caller cancellation and <see cref="ModelOutputException"/> are never retried.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the defaults of <see cref="ChatResilienceOptions"/>, if given.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Options left unset take the <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/> registered in
    /// the builder's service provider, if any.</remarks>
    /// <exception cref="Orchestration.OrchestrationConfigurationException">The configured options are not valid (thrown when the builder is built; the message lists every problem).</exception>
    public static ChatClientBuilder UseBatonResilience(this ChatClientBuilder builder, Action<ChatResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var options = new ChatResilienceOptions();
            configure?.Invoke(options);
            options.TimeProvider ??= services.GetService(typeof(TimeProvider)) as TimeProvider;
            options.LoggerFactory ??= services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
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
