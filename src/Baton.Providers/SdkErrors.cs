using System.ClientModel;
using System.Globalization;
using System.Net;
using Anthropic.Exceptions;
using Baton.Secrets;

namespace Baton.Providers;

/// <summary>
/// Normalises the provider SDKs' error types into <see cref="ModelProviderException"/> (an
/// <see cref="HttpRequestException"/> with the status and <c>Retry-After</c>), so Baton's generic resilience rules
/// classify every provider the same way. Clients built by <see cref="ChatClientFactory"/> already raise
/// <see cref="ModelProviderException"/> from their transport; this covers what an SDK raises on its own.
/// </summary>
internal static class SdkErrors
{
    public static ModelProviderException? TryNormalize(Exception ex, string provider, SecretRedactor redactor)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is ModelProviderException provided)
            {
                return provided;
            }
        }

        if (AnthropicStreamErrors.TryMap(ex, redactor) is { } streamError)
        {
            return streamError;
        }

        for (var current = ex; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case AnthropicApiException api:
                    return new ModelProviderException(
                        provider, api.StatusCode, redactor.Redact($"{provider} answered HTTP {(int)api.StatusCode}: {Truncate(api.ResponseBody)}"), retryAfter: null);
                case ClientResultException { Status: > 0 } result:
                    return new ModelProviderException(
                        provider, (HttpStatusCode)result.Status, redactor.Redact($"{provider} answered HTTP {result.Status}: {Truncate(result.Message)}"), RetryAfter(result));
                default:
                    break;
            }
        }

        return null;
    }

    private static TimeSpan? RetryAfter(ClientResultException result)
    {
        if (result.GetRawResponse()?.Headers is not { } headers)
        {
            return null;
        }

        if ((headers.TryGetValue("retry-after-ms", out var ms) || headers.TryGetValue("x-ms-retry-after-ms", out ms))
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis is >= 0 and < 86_400_000)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return headers.TryGetValue("Retry-After", out var seconds)
               && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) && secs is >= 0 and < 86_400
            ? TimeSpan.FromSeconds(secs)
            : null;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
