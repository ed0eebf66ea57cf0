using System.Globalization;
using System.Runtime.CompilerServices;
using Baton.Orchestration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Baton.Resilience;

/// <summary>
/// Chat-client middleware that retries transient errors (HTTP 408, 429, 5xx, 529 overloaded, timeouts, network
/// failures) with Polly's exponential backoff and jitter, honours the server's <c>Retry-After</c>, and bounds each
/// attempt with a timeout. Built on a Polly.Core resilience pipeline. Add it with <c>UseBatonResilience</c>.
/// </summary>
/// <remarks>
/// <para>Caller cancellation is never retried: it surfaces as <see cref="OperationCanceledException"/> at once. Nor is
/// <see cref="ModelOutputException"/>: the model's output was unusable, which the agent turn handles (re-ask, fallback).</para>
/// <para>An attempt cut by <see cref="ChatResilienceOptions.AttemptTimeout"/> is retried; when the last attempt is cut
/// too, the call fails with a <see cref="TimeoutRejectedException"/> whose message names the per-attempt limit and how
/// to raise it.</para>
/// <para>A successful response carries the number of retries made (counted by Polly's <c>OnRetry</c>) in
/// <see cref="ChatResponse.AdditionalProperties"/> under <see cref="BatonChatResponseProperties.Retries"/>, which the run journal records.</para>
/// <para>Streaming calls are retried only until the first update arrives (a partly streamed answer cannot be taken
/// back), and the per-attempt timeout does not apply to them; the first update carries the retry count.</para>
/// <para>Thread-safe when the inner client is.</para>
/// </remarks>
public sealed partial class ResilientChatClient : DelegatingChatClient
{
    private static readonly ResiliencePropertyKey<StrongBox<int>> s_retries = new("Baton.Retries");
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencePipeline _streamStart;
    private readonly TimeSpan? _attemptTimeout;
    private readonly ILogger _logger;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to call.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="Orchestration.OrchestrationConfigurationException">The options are not valid (every problem is listed).</exception>
    public ResilientChatClient(IChatClient innerClient, ChatResilienceOptions? options = null)
        : base(innerClient)
    {
        options ??= new ChatResilienceOptions();
        OptionsValidation.ThrowIfInvalid(nameof(ChatResilienceOptions), options.CollectErrors());

        var timeProvider = options.TimeProvider ?? TimeProvider.System;
        _logger = (ILogger?)options.LoggerFactory?.CreateLogger<ResilientChatClient>() ?? NullLogger.Instance;
        _attemptTimeout = options.AttemptTimeout;
        var shouldRetry = options.ShouldRetry ?? TransientErrorClassifier.IsTransient;
        var maxRetryAfter = options.MaxRetryAfter;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        var streamBuilder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            var retry = new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && !IsModelOutputFailure(ex)
                    && shouldRetry(ex)
                    && !(TransientErrorClassifier.TryGetRetryAfter(ex, timeProvider.GetUtcNow(), out var after) && after > maxRetryAfter)),

                // The server's Retry-After wins over the backoff; null keeps Polly's exponential delay.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is { } ex && TransientErrorClassifier.TryGetRetryAfter(ex, timeProvider.GetUtcNow(), out var after) ? after : null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(s_retries, out var count))
                    {
                        count.Value++;
                    }

                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "no exception");
                    return default;
                },
            };
            if (options.Randomizer is { } randomizer)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
            streamBuilder.AddRetry(retry);
        }

        if (options.AttemptTimeout is { } timeout)
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
        var retries = new StrongBox<int>();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(s_retries, retries);
        ChatResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<ChatResponse>(state.Client.InnerGetResponseAsync(state.List, state.Options, ctx.CancellationToken)),
                context,
                (Client: this, List: list, Options: options)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var limit = _attemptTimeout ?? ex.Timeout;
            LogAttemptTimeout(_logger, limit.TotalSeconds, retries.Value);
            throw new TimeoutRejectedException(DescribeTimeout(limit, retries.Value), limit, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        response.AdditionalProperties ??= [];
        var inner = response.AdditionalProperties.TryGetValue(BatonChatResponseProperties.Retries, out int nested) ? nested : 0;
        response.AdditionalProperties[BatonChatResponseProperties.Retries] = inner + retries.Value;
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
        var retries = new StrongBox<int>();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(s_retries, retries);
        try
        {
            await _streamStart.ExecuteAsync(
                async ctx =>
                {
                    if (stream is not null)
                    {
                        await stream.DisposeAsync().ConfigureAwait(false);
                    }

                    stream = base.GetStreamingResponseAsync(list, options, ctx.CancellationToken).GetAsyncEnumerator(ctx.CancellationToken);
                    hasFirst = await stream.MoveNextAsync().ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
            if (!hasFirst)
            {
                yield break;
            }

            var first = stream!.Current;
            first.AdditionalProperties ??= [];
            first.AdditionalProperties[BatonChatResponseProperties.Retries] = retries.Value;
            yield return first;
            while (await stream.MoveNextAsync().ConfigureAwait(false))
            {
                yield return stream.Current;
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static bool IsModelOutputFailure(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is ModelOutputException)
            {
                return true;
            }
        }

        return false;
    }

    private static string DescribeTimeout(TimeSpan limit, int retries) =>
        string.Create(CultureInfo.InvariantCulture, $"The model did not answer within the per-attempt time limit of {limit.TotalSeconds:0.###} s") +
        (retries > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({retries + 1} attempts, each cut at the limit)") : string.Empty) +
        ". A slow model or a long answer may need more: raise 'attempt_timeout' in the spec (under 'limits', or on the agent), " +
        "or ChatResilienceOptions.AttemptTimeout in code; a lower output-token limit also shortens answers.";

    private Task<ChatResponse> InnerGetResponseAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        base.GetResponseAsync(messages, options, cancellationToken);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Model call failed ({Error}); retry {Retry} in {DelaySeconds:0.###} s.")]
    private static partial void LogRetry(ILogger logger, int retry, double delaySeconds, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Model call cut by the per-attempt time limit of {LimitSeconds} s after {Retries} retries.")]
    private static partial void LogAttemptTimeout(ILogger logger, double limitSeconds, int retries);
}
