using Microsoft.Extensions.Logging;

namespace Baton.Resilience;

/// <summary>Options for <see cref="ResilientChatClient"/>: how transient model errors are retried and how long one call may take.</summary>
/// <remarks>Backoff, jitter and the cap are Polly's (<c>RetryStrategyOptions</c> with exponential backoff); Baton adds
/// the server's <c>Retry-After</c> and which errors count as transient. Validated and copied once, when the client is
/// built (every problem in one <see cref="Orchestration.OrchestrationConfigurationException"/>); changing the options
/// afterwards does not affect it.</remarks>
public sealed class ChatResilienceOptions
{
    /// <summary>Gets or sets how many times a failed call is retried.</summary>
    /// <value>The default is <see cref="BatonDefaults.ChatMaxRetries"/> (3). Zero turns retries off (the per-call timeout still applies).</value>
    public int MaxRetries { get; set; } = BatonDefaults.ChatMaxRetries;

    /// <summary>Gets or sets the delay before the first retry; later retries grow it exponentially.</summary>
    /// <value>The default is <see cref="BatonDefaults.ChatBaseDelay"/> (1 second).</value>
    public TimeSpan BaseDelay { get; set; } = BatonDefaults.ChatBaseDelay;

    /// <summary>Gets or sets the longest backoff between retries (a server's <c>Retry-After</c> may ask for more, up to <see cref="MaxRetryAfter"/>).</summary>
    /// <value>The default is <see cref="BatonDefaults.ChatMaxDelay"/> (30 seconds).</value>
    public TimeSpan MaxDelay { get; set; } = BatonDefaults.ChatMaxDelay;

    /// <summary>Gets or sets whether backoff delays are randomised (Polly's decorrelated jitter), so clients do not retry in step.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets the longest <c>Retry-After</c> the client waits for; a server asking for longer ends the retries so a fallback can take over.</summary>
    /// <value>The default is <see cref="BatonDefaults.ChatMaxRetryAfter"/> (60 seconds).</value>
    public TimeSpan MaxRetryAfter { get; set; } = BatonDefaults.ChatMaxRetryAfter;

    /// <summary>Gets or sets the most one attempt may take; a slower attempt is cancelled and counts as a transient error.</summary>
    /// <value>The default is <see cref="BatonDefaults.ChatAttemptTimeout"/> (100 seconds). <see langword="null"/> means no per-call timeout.</value>
    /// <remarks>A Baton spec sets it with <c>attempt_timeout</c> (under <c>limits</c>, or per agent).</remarks>
    public TimeSpan? AttemptTimeout { get; set; } = BatonDefaults.ChatAttemptTimeout;

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

    /// <summary>Checks the options and returns every problem found (thrown together by <see cref="ResilientChatClient"/>).</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    internal List<string> CollectErrors()
    {
        const string Owner = nameof(ChatResilienceOptions) + ".";
        var errors = new List<string>();
        OptionsValidation.NotNegative(errors, Owner, nameof(MaxRetries), MaxRetries);
        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"{Owner}BaseDelay is {BaseDelay}; use a delay from zero to one day.");
        }

        if (MaxDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"{Owner}MaxDelay is {MaxDelay}; use at most one day.");
        }

        if (MaxDelay < BaseDelay)
        {
            errors.Add($"{Owner}MaxDelay ({MaxDelay}) is shorter than BaseDelay ({BaseDelay}); make it at least BaseDelay.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"{Owner}MaxRetryAfter is {MaxRetryAfter}; use zero or a positive delay.");
        }

        if (AttemptTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(1)))
        {
            errors.Add($"{Owner}AttemptTimeout is {timeout}; use a positive duration of at most one day, or null for none.");
        }

        return errors;
    }
}
