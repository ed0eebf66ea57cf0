using Microsoft.Extensions.Logging;

namespace Baton.Resilience;

/// <summary>Options for <see cref="ResilientChatClient"/>: how transient model errors are retried and how long one call may take.</summary>
/// <remarks>Backoff, jitter and the cap are Polly's (<c>RetryStrategyOptions</c> with exponential backoff); Baton adds
/// the server's <c>Retry-After</c> and which errors count as transient.</remarks>
public sealed class ChatResilienceOptions
{
    /// <summary>Gets or sets how many times a failed call is retried.</summary>
    /// <value>The default is 3. Zero turns retries off (the per-call timeout still applies).</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry; later retries grow it exponentially.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff between retries (a server's <c>Retry-After</c> may ask for more, up to <see cref="MaxRetryAfter"/>).</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether backoff delays are randomised (Polly's decorrelated jitter), so clients do not retry in step.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets the longest <c>Retry-After</c> the client waits for; a server asking for longer ends the retries so a fallback can take over.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the most one attempt may take; a slower attempt is cancelled and counts as a transient error.</summary>
    /// <value>The default is 100 seconds. <see langword="null"/> means no per-call timeout.</value>
    /// <remarks>A Baton spec sets it with <c>attempt_timeout</c> (under <c>limits</c>, or per agent).</remarks>
    public TimeSpan? AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets or sets which errors are retried. Caller cancellation and <see cref="ModelOutputException"/> are never retried,
    /// whatever this says.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="TransientErrorClassifier.IsTransient"/>.</value>
    public Func<Exception, bool>? ShouldRetry { get; set; }

    /// <summary>Gets or sets the clock used for delays and timeouts.</summary>
    /// <value>The default is <see langword="null"/>: the <see cref="System.TimeProvider"/> registered in the chat client
    /// builder's services when built with <c>UseBatonResilience</c>, else <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets the logger factory for retry and timeout messages.</summary>
    /// <value>The default is <see langword="null"/>: the <see cref="ILoggerFactory"/> registered in the chat client
    /// builder's services when built with <c>UseBatonResilience</c>, else no logging.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the source of jitter, a function returning values in [0, 1).</summary>
    /// <value>The default is <see langword="null"/>: Polly's own randomizer.</value>
    public Func<double>? Randomizer { get; set; }

    /// <summary>Checks the options and returns every problem found.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxRetries < 0)
        {
            errors.Add($"MaxRetries is {MaxRetries}; use 0 or more.");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"BaseDelay is {BaseDelay}; use a delay from zero to one day.");
        }

        if (MaxDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"MaxDelay is {MaxDelay}; use at most one day.");
        }

        if (MaxDelay < BaseDelay)
        {
            errors.Add($"MaxDelay ({MaxDelay}) is shorter than BaseDelay ({BaseDelay}); make it at least BaseDelay.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"MaxRetryAfter is {MaxRetryAfter}; use zero or a positive delay.");
        }

        if (AttemptTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(1)))
        {
            errors.Add($"AttemptTimeout is {timeout}; use a positive duration of at most one day, or null for none.");
        }

        return errors;
    }
}
