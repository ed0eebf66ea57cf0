using Baton.Orchestration;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Baton.Resilience;

/// <summary>
/// Chat-client middleware that retries transient errors (HTTP 408, 429, 5xx, 529 overloaded, timeouts, network
/// failures) with exponential backoff and jitter, honours the server's <c>Retry-After</c>, and bounds each attempt
/// with a timeout. Built on a Polly.Core resilience pipeline. Add it with <c>UseBatonResilience</c>.
/// </summary>
/// <remarks>
/// <para>Caller cancellation is never retried: it surfaces as <see cref="OperationCanceledException"/> at once.</para>
/// <para>A successful response carries the number of retries made in
/// <see cref="ChatResponse.AdditionalProperties"/> under <see cref="BatonChatResponseProperties.Retries"/>, which the run journal records.</para>
/// <para>Streaming calls pass through unchanged: they are neither retried nor timed out here (a partly streamed
/// answer cannot be taken back). Baton's own agent calls do not stream.</para>
/// <para>Thread-safe when the inner client is.</para>
/// </remarks>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ChatResilienceOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to call.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are not valid (every problem is listed).</exception>
    public ResilientChatClient(IChatClient innerClient, ChatResilienceOptions? options = null)
        : base(innerClient)
    {
        _options = options ?? new ChatResilienceOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"The chat resilience options are not valid: {string.Join(" ", errors)}", nameof(options));
        }

        _timeProvider = _options.TimeProvider ?? TimeProvider.System;
        var shouldRetry = _options.ShouldRetry ?? TransientErrorClassifier.IsTransient;
        var random = _options.Randomizer ?? Random.Shared.NextDouble;
        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetries,
                Delay = _options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && shouldRetry(ex)
                    && !(TryGetRetryAfter(ex, out var after) && after > _options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryBackoff.Compute(
                    args.AttemptNumber,
                    _options.BaseDelay,
                    _options.MaxDelay,
                    _options.UseJitter,
                    random(),
                    args.Outcome.Exception is { } ex && TryGetRetryAfter(ex, out var after) ? after : null)),
            });
        }

        if (_options.AttemptTimeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        _pipeline = builder.Build();
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var attempts = 0;
        var response = await _pipeline.ExecuteAsync(
            async ct =>
            {
                attempts++;
                return await base.GetResponseAsync(list, options, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        response.AdditionalProperties ??= [];
        var inner = response.AdditionalProperties.TryGetValue(BatonChatResponseProperties.Retries, out int nested) ? nested : 0;
        response.AdditionalProperties[BatonChatResponseProperties.Retries] = inner + attempts - 1;
        return response;
    }

    private bool TryGetRetryAfter(Exception exception, out TimeSpan retryAfter) =>
        TransientErrorClassifier.TryGetRetryAfter(exception, _timeProvider.GetUtcNow(), out retryAfter);
}
