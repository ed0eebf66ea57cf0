using System.Globalization;
using System.Net.Sockets;
using Polly.Timeout;

namespace Baton.Resilience;

/// <summary>
/// Decides whether a model call's error is worth retrying, and what the server asked for in <c>Retry-After</c>.
/// Generic rules only: <see cref="HttpRequestException.StatusCode"/>, timeouts and network failures. Provider
/// adapters (Baton.Providers) normalise their SDKs' errors into <see cref="HttpRequestException"/>s with a status,
/// or into <see cref="ModelOutputException"/>; a client with other error types plugs its own rule into
/// <see cref="ChatResilienceOptions.ShouldRetry"/>.
/// </summary>
public static class TransientErrorClassifier
{
    /// <summary>The key under which an exception's <see cref="Exception.Data"/> may carry a <c>Retry-After</c> (a <see cref="TimeSpan"/>, seconds, or the header's text).</summary>
    public const string RetryAfterDataKey = "Retry-After";

    private const double MaxRetryAfterSeconds = 86_400;

    /// <summary>Returns whether an HTTP status is transient: 408, 429, 529 (overloaded) and 5xx other than 501 and 505.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <returns><see langword="true"/> for a transient status.</returns>
    public static bool IsTransientStatus(int status) =>
        status is 408 or 429 or 529 || (status is >= 500 and <= 599 and not 501 and not 505);

    /// <summary>
    /// Returns whether an error is transient: a transient HTTP status, a timeout, or a network failure. Cancellation
    /// (<see cref="OperationCanceledException"/> not caused by a timeout) and <see cref="ModelOutputException"/> are not.
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
                case ModelOutputException:
                    return false;
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

    /// <summary>Tries to read the HTTP status an error carries (<see cref="HttpRequestException.StatusCode"/>).</summary>
    /// <param name="exception">The error (its inner exceptions are not searched).</param>
    /// <param name="status">The status code, when found.</param>
    /// <returns><see langword="true"/> when the error carries a status.</returns>
    public static bool TryGetStatusCode(Exception exception, out int status)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is HttpRequestException { StatusCode: { } code })
        {
            status = (int)code;
            return true;
        }

        status = 0;
        return false;
    }

    /// <summary>Tries to read how long the server asked the client to wait, from <see cref="RetryAfterDataKey"/> in <see cref="Exception.Data"/>.</summary>
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
                // A hostile or broken header ("1e300") must not overflow; anything past a day ends the retries anyway.
                retryAfter = TimeSpan.FromSeconds(Math.Min(secs, MaxRetryAfterSeconds));
                return true;
            case string text when DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date):
                retryAfter = date > now ? date - now : TimeSpan.Zero;
                return true;
            default:
                retryAfter = default;
                return false;
        }
    }
}
