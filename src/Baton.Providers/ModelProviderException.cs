using System.Net;
using Baton.Resilience;

namespace Baton.Providers;

/// <summary>
/// A model provider answered an HTTP error. It is an <see cref="HttpRequestException"/> whose
/// <see cref="HttpRequestException.StatusCode"/> is the provider's status (429 rate limited, 529 overloaded, ...),
/// so retry and fallback middleware can classify every provider's failures the same way.
/// </summary>
/// <remarks>
/// The message holds the provider's error text with any API key removed. <see cref="RetryAfter"/> is also stored in
/// <see cref="Exception.Data"/> under <see cref="TransientErrorClassifier.RetryAfterDataKey"/>, where
/// <c>UseBatonResilience</c> reads it.
/// </remarks>
public sealed class ModelProviderException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    public ModelProviderException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ModelProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ModelProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP error answer.</summary>
    /// <param name="provider">The provider that answered, such as <c>anthropic</c>.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="message">The message, free of keys.</param>
    /// <param name="retryAfter">The delay the provider asked for in <c>Retry-After</c>, if any.</param>
    public ModelProviderException(string provider, HttpStatusCode statusCode, string message, TimeSpan? retryAfter)
        : base(HttpRequestError.Unknown, message, null, statusCode)
    {
        Provider = provider;
        RetryAfter = retryAfter;
        if (retryAfter is { } wait)
        {
            // Where Baton's resilience middleware looks for a server-requested delay.
            Data[TransientErrorClassifier.RetryAfterDataKey] = wait;
        }
    }

    /// <summary>Gets the provider that answered, such as <c>anthropic</c>, <c>openai</c> or <c>ollama</c>.</summary>
    public string Provider { get; } = "unknown";

    /// <summary>Gets the delay the provider asked for in its <c>Retry-After</c> header, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Gets whether the failure is worth retrying: the statuses <c>UseBatonResilience</c> retries
    /// (<see cref="TransientErrorClassifier.IsTransientStatus"/>: 408, 429, 529 overloaded, and 5xx other than 501 and 505).
    /// </summary>
    public bool IsTransient => StatusCode is { } code && TransientErrorClassifier.IsTransientStatus((int)code);
}
