using System.Runtime.CompilerServices;
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
/// <para>Streaming calls are retried only until the first update arrives (a partly streamed answer cannot be taken
/// back), and the per-attempt timeout does not apply to them; the first update carries the retry count.</para>
/// <para>Thread-safe when the inner client is.</para>
/// </remarks>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencePipeline _streamStart;
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
        var streamBuilder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        if (_options.MaxRetries > 0)
        {
            var retry = new RetryStrategyOptions
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
            };
            builder.AddRetry(retry);
            streamBuilder.AddRetry(retry);
        }

        if (_options.AttemptTimeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        _pipeline = builder.Build();
        _streamStart = streamBuilder.Build();
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

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        var hasFirst = false;
        var attempts = 0;
        try
        {
            await _streamStart.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    if (stream is not null)
                    {
                        await stream.DisposeAsync().ConfigureAwait(false);
                    }

                    stream = base.GetStreamingResponseAsync(list, options, ct).GetAsyncEnumerator(ct);
                    hasFirst = await stream.MoveNextAsync().ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            if (!hasFirst)
            {
                yield break;
            }

            var first = stream!.Current;
            first.AdditionalProperties ??= [];
            first.AdditionalProperties[BatonChatResponseProperties.Retries] = attempts - 1;
            yield return first;
            while (await stream.MoveNextAsync().ConfigureAwait(false))
            {
                yield return stream.Current;
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private bool TryGetRetryAfter(Exception exception, out TimeSpan retryAfter) =>
        TransientErrorClassifier.TryGetRetryAfter(exception, _timeProvider.GetUtcNow(), out retryAfter);
}
