using System.Globalization;
using System.Net;
using System.Text.Json;

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
            var detail = redactor.Redact(ErrorText(body));
            var message = $"{provider} answered HTTP {(int)response.StatusCode} ({Describe(response.StatusCode)})" +
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

    private static string Describe(HttpStatusCode status) => (int)status switch
    {
        429 => "rate limited",
        529 => "overloaded",
        401 => "unauthorized: check the API key",
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
                    return Truncate(error.GetString() ?? string.Empty);
                }

                if (error.ValueKind == JsonValueKind.Object)
                {
                    var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    return Truncate(type is null ? text ?? string.Empty : $"{type}: {text}");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's HTML page or plain text; keep its start.
        }

        return Truncate(body.Trim());
    }

    private static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}
