using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Anthropic.Exceptions;
using Baton.Secrets;

namespace Baton.Providers;

/// <summary>
/// Maps an error event inside an Anthropic SSE stream (the HTTP status was already 200) to the status the same error
/// has as an HTTP answer, so an <c>overloaded_error</c> mid-stream is a 529 like any other overload.
/// </summary>
internal static partial class AnthropicStreamErrors
{
    public static ModelProviderException? TryMap(Exception ex, SecretRedactor redactor)
    {
        if (ex is not AnthropicSseException sse)
        {
            return null;
        }

        var (type, message) = Read(sse);
        HttpStatusCode? status = type switch
        {
            "invalid_request_error" => HttpStatusCode.BadRequest,
            "authentication_error" => HttpStatusCode.Unauthorized,
            "permission_error" => HttpStatusCode.Forbidden,
            "not_found_error" => HttpStatusCode.NotFound,
            "request_too_large" => HttpStatusCode.RequestEntityTooLarge,
            "rate_limit_error" => HttpStatusCode.TooManyRequests,
            "api_error" => HttpStatusCode.InternalServerError,
            "overloaded_error" => (HttpStatusCode)529,
            _ => null,
        };
        if (status is null)
        {
            return null;
        }

        var text = redactor.Redact($"anthropic sent an error event mid-stream ({type}, treated as HTTP {(int)status}): {message}");
        return new ModelProviderException("anthropic", status.Value, text, retryAfter: null);
    }

    private static (string? Type, string? Message) Read(AnthropicServiceException ex)
    {
        try
        {
            if (ex.Body.ValueKind == JsonValueKind.Object && ex.Body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (Text(error, "type"), Text(error, "message"));
            }
        }
        catch (InvalidOperationException)
        {
            // Body is not set for every event; fall back to the message text below.
        }

        var match = ErrorJson().Match(ex.Message);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : (null, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("\"type\"\\s*:\\s*\"([a-z_]+_error|request_too_large)\"\\s*,\\s*\"message\"\\s*:\\s*\"([^\"]*)\"")]
    private static partial Regex ErrorJson();
}
