namespace Baton.Resilience;

/// <summary>Computes retry delays: exponential backoff with optional jitter, or the server's <c>Retry-After</c>.</summary>
public static class RetryBackoff
{
    /// <summary>Computes the delay before a retry.</summary>
    /// <param name="retry">The 0-based retry number (0 before the first retry).</param>
    /// <param name="baseDelay">The delay before the first retry.</param>
    /// <param name="maxDelay">The cap on the exponential delay.</param>
    /// <param name="useJitter">Whether to randomise the delay between half and all of the exponential delay.</param>
    /// <param name="random">A value in [0, 1) used for jitter.</param>
    /// <param name="retryAfter">The server's <c>Retry-After</c>, if it sent one; it wins over the backoff.</param>
    /// <returns>The delay: <paramref name="retryAfter"/> when given (never negative); otherwise
    /// <c>min(baseDelay * 2^retry, maxDelay)</c>, scaled into [50%, 100%] with jitter.</returns>
    public static TimeSpan Compute(int retry, TimeSpan baseDelay, TimeSpan maxDelay, bool useJitter, double random, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry);
        if (retryAfter is { } after)
        {
            return after < TimeSpan.Zero ? TimeSpan.Zero : after;
        }

        var cap = Math.Max(0, maxDelay.Ticks);
        var exponential = Math.Min(cap, baseDelay.Ticks * Math.Pow(2, Math.Min(retry, 62)));
        exponential = Math.Max(0, exponential);
        if (useJitter)
        {
            var r = double.IsNaN(random) ? 0 : Math.Clamp(random, 0, 1);
            exponential = (exponential / 2) + (r * exponential / 2);
        }

        return TimeSpan.FromTicks((long)Math.Min(exponential, cap));
    }
}
