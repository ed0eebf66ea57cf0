using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Polly.Timeout;

namespace Baton.Resilience;

/// <summary>
/// Decides whether a model call's error is worth retrying, and what the server asked for in <c>Retry-After</c>.
/// The one place Baton knows how providers report HTTP status: <see cref="HttpRequestException.StatusCode"/>,
/// System.ClientModel's <see cref="ClientResultException.Status"/> (the OpenAI and Azure SDKs), and the Anthropic
/// SDK's exception types.
/// </summary>
public static class TransientErrorClassifier
{
    /// <summary>The key under which an exception's <see cref="Exception.Data"/> may carry a <c>Retry-After</c> (a <see cref="TimeSpan"/>, seconds, or the header's text).</summary>
    public const string RetryAfterDataKey = "Retry-After";

    /// <summary>Returns whether an HTTP status is transient: 408, 429, 529 (overloaded) and 5xx other than 501 and 505.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <returns><see langword="true"/> for a transient status.</returns>
    public static bool IsTransientStatus(int status) =>
        status is 408 or 429 or 529 || (status is >= 500 and <= 599 and not 501 and not 505);

    /// <summary>
    /// Returns whether an error is transient: a transient HTTP status, a timeout, or a network failure. Cancellation
    /// (<see cref="OperationCanceledException"/> not caused by a timeout) is not transient.
    /// </summary>
    /// <param name="exception">The error.</param>
    /// <returns><see langword="true"/> when retrying may succeed.</returns>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (TryGetStatusCode(ex, out var status))
            {
                return IsTransientStatus(status);
            }

            switch (ex)
            {
                case TimeoutRejectedException or TimeoutException:
                    return true;
                case OperationCanceledException:
                    // HttpClient reports its own timeout as a cancellation wrapping a TimeoutException.
                    return ex.InnerException is TimeoutException;
                case HttpRequestException or SocketException or IOException:
                    // No status: the request never got an HTTP answer (connection refused, reset, DNS).
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>Tries to read the HTTP status an error carries.</summary>
    /// <param name="exception">The error (its inner exceptions are not searched).</param>
    /// <param name="status">The status code, when found.</param>
    /// <returns><see langword="true"/> when the error carries a status.</returns>
    public static bool TryGetStatusCode(Exception exception, out int status)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case HttpRequestException { StatusCode: { } code }:
                status = (int)code;
                return true;
            case ClientResultException { Status: > 0 } clientResult:
                status = clientResult.Status;
                return true;
            default:
                return TryGetAnthropicStatus(exception, out status);
        }
    }

    /// <summary>Tries to read how long the server asked the client to wait (<c>Retry-After</c>, <c>retry-after-ms</c>).</summary>
    /// <param name="exception">The error; its inner exceptions are searched too.</param>
    /// <param name="now">The current time, for HTTP-date values.</param>
    /// <param name="retryAfter">The wait, when found.</param>
    /// <returns><see langword="true"/> when the error says how long to wait.</returns>
    public static bool TryGetRetryAfter(Exception exception, DateTimeOffset now, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex.Data[RetryAfterDataKey] is { } data && TryParse(data, now, out retryAfter))
            {
                return true;
            }

            if (ex is ClientResultException clientResult && clientResult.GetRawResponse()?.Headers is { } headers)
            {
                if ((headers.TryGetValue("retry-after-ms", out var ms) || headers.TryGetValue("x-ms-retry-after-ms", out ms))
                    && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
                {
                    retryAfter = TimeSpan.FromMilliseconds(millis);
                    return true;
                }

                if (headers.TryGetValue("Retry-After", out var header) && header is not null && TryParse(header, now, out retryAfter))
                {
                    return true;
                }
            }
        }

        retryAfter = default;
        return false;
    }

    private static bool TryParse(object value, DateTimeOffset now, out TimeSpan retryAfter)
    {
        switch (value)
        {
            case TimeSpan span when span >= TimeSpan.Zero:
                retryAfter = span;
                return true;
            case int seconds when seconds >= 0:
                retryAfter = TimeSpan.FromSeconds(seconds);
                return true;
            case string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) && secs >= 0:
                retryAfter = TimeSpan.FromSeconds(secs);
                return true;
            case string text when DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date):
                retryAfter = date > now ? date - now : TimeSpan.Zero;
                return true;
            default:
                retryAfter = default;
                return false;
        }
    }

    // The Anthropic SDK (package "Anthropic") maps statuses to exception types; matched by name so Baton does not depend on it.
    private static bool TryGetAnthropicStatus(Exception exception, out int status)
    {
        status = 0;
        var type = exception.GetType();
        if (type.Namespace?.StartsWith("Anthropic", StringComparison.Ordinal) != true)
        {
            return false;
        }

        status = type.Name switch
        {
            "AnthropicRateLimitException" => 429,
            "Anthropic5xxException" => exception.Message.Contains("529", StringComparison.Ordinal) || exception.Message.Contains("overloaded", StringComparison.OrdinalIgnoreCase) ? 529 : 500,
            "AnthropicBadRequestException" => 400,
            "AnthropicUnauthorizedException" => 401,
            "AnthropicForbiddenException" => 403,
            "AnthropicNotFoundException" => 404,
            "AnthropicUnprocessableEntityException" => 422,
            "Anthropic4xxException" => exception.Message.Contains("RequestTimeout", StringComparison.Ordinal) || exception.Message.Contains("408", StringComparison.Ordinal) ? (int)HttpStatusCode.RequestTimeout : 400,
            _ => 0,
        };
        return status != 0;
    }
}
