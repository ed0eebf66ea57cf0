using System.Globalization;
using System.Net;
using System.Text.Json;
using Baton.Secrets;

namespace Baton.Providers;

/// <summary>
/// Turns every HTTP error answer into a <see cref="ModelProviderException"/> carrying the status code, the provider's
/// error text and <c>Retry-After</c>, before the SDK sees it, so all providers fail the same way.
/// </summary>
internal sealed class ProviderHttpErrorHandler(string provider, SecretRedactor redactor, TimeProvider timeProvider)
    : DelegatingHandler(new SocketsHttpHandler())
{
    private const int MaxDetailLength = 500;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode < 400)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var retryAfter = RetryAfter(response);
            // Redact the whole text first: a key cut in two by the truncation would no longer match as a whole.
            var detail = Truncate(redactor.Redact(ErrorText(body)));
            var message = $"{provider} answered HTTP {(int)response.StatusCode} ({Describe(provider, response.StatusCode)})" +
                          (detail.Length > 0 ? $": {detail}" : ".") +
                          (retryAfter is { } wait ? $" It asked to retry after {wait.TotalSeconds:0.###} s." : string.Empty);
            throw new ModelProviderException(provider, response.StatusCode, message, retryAfter);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta;
            }

            if (header.Date is { } date)
            {
                var wait = date - timeProvider.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        // OpenAI-style servers may send only the millisecond variant.
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return null;
    }

    private static string Describe(string provider, HttpStatusCode status) => (int)status switch
    {
        429 => "rate limited",
        529 => "overloaded",
        401 => provider switch
        {
            "anthropic" => $"unauthorized: the API key was rejected; set a valid key in {ProviderEnvironment.AnthropicApiKey}",
            "openai" => $"unauthorized: the API key was rejected; set a valid key in {ProviderEnvironment.OpenAIApiKey}",
            _ => "unauthorized: check the API key",
        },
        403 => "forbidden",
        404 => "not found: check the model name and base URL",
        _ => status.ToString(),
    };

    // Anthropic: {"error":{"type":..,"message":..}}; OpenAI: {"error":{"message":..}}; Ollama: {"error":".."}.
    private static string ErrorText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString() ?? string.Empty;
                }

                if (error.ValueKind == JsonValueKind.Object)
                {
                    var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    return type is null ? text ?? string.Empty : $"{type}: {text}";
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's HTML page or plain text; keep its start.
        }

        return body.Trim();
    }

    // Never cut between the two halves of a surrogate pair: a lone surrogate is not valid text downstream.
    private static string Truncate(string text) =>
        text.Length <= MaxDetailLength ? text : text[..(char.IsHighSurrogate(text[MaxDetailLength - 1]) ? MaxDetailLength - 1 : MaxDetailLength)] + "…";
}
