using System.Runtime.CompilerServices;
using Baton.Agents;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Resilience;

/// <summary>
/// Chat-client middleware that sends a call to a fallback client (another provider or model) when the primary
/// fails. The response names the path that served it under <see cref="BatonChatResponseProperties.ServedBy"/>, so the
/// run journal says which model answered. Add it with <c>UseBatonFallback</c>.
/// </summary>
/// <remarks>
/// <para>Caller cancellation is never routed to the fallback. Put resilience (retries) inside the fallback, so the
/// primary's retries are spent before it fails over.</para>
/// <para>Streaming calls fail over only when the primary fails before its first update.</para>
/// <para>Capabilities: <c>GetService(typeof(ModelCapabilities))</c> describes the primary (every call goes there first,
/// so that is what the journal's <c>agent_called</c> records) with the fallback's capabilities in
/// <see cref="ModelCapabilities.Fallback"/>, and <see cref="ModelCapabilities.SupportsMaxOutputTokens"/> only when both
/// honour the limit. A call the fallback served with a JSON schema names the fallback's mechanism under
/// <see cref="BatonChatResponseProperties.StructuredOutput"/> when it differs from the primary's, so the journal's
/// <c>agent_answered</c> says how that reply was really constrained.</para>
/// </remarks>
public sealed class FallbackChatClient : DelegatingChatClient
{
    private readonly IChatClient _fallback;
    private readonly Func<Exception, bool> _shouldFallback;

    /// <summary>Creates the middleware.</summary>
    /// <param name="primary">The client tried first.</param>
    /// <param name="fallback">The client used when the primary fails.</param>
    /// <param name="name">The fallback's name, recorded as the path that served the call.</param>
    /// <param name="shouldFallback">Which errors fail over; <see langword="null"/> for every error except cancellation.</param>
    public FallbackChatClient(IChatClient primary, IChatClient fallback, string name, Func<Exception, bool>? shouldFallback = null)
        : base(primary)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _fallback = fallback;
        Name = name;
        _shouldFallback = shouldFallback ?? (static _ => true);
    }

    /// <summary>Gets the fallback's name, as recorded in the journal.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        try
        {
            return await base.GetResponseAsync(list, options?.Clone(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ShouldFallBack(ex, cancellationToken))
        {
            var response = await _fallback.GetResponseAsync(list, options?.Clone(), cancellationToken).ConfigureAwait(false);
            response.AdditionalProperties ??= [];
            response.AdditionalProperties[BatonChatResponseProperties.ServedBy] = Name;
            MarkStructuredOutput(response.AdditionalProperties, options);
            return response;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var primary = base.GetStreamingResponseAsync(list, options?.Clone(), cancellationToken).GetAsyncEnumerator(cancellationToken);
        var failedOver = false;
        try
        {
            try
            {
                if (!await primary.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (Exception ex) when (ShouldFallBack(ex, cancellationToken))
            {
                failedOver = true;
            }

            if (!failedOver)
            {
                yield return primary.Current;
                while (await primary.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return primary.Current;
                }

                yield break;
            }
        }
        finally
        {
            await primary.DisposeAsync().ConfigureAwait(false);
        }

        await foreach (var update in _fallback.GetStreamingResponseAsync(list, options?.Clone(), cancellationToken).ConfigureAwait(false))
        {
            update.AdditionalProperties ??= [];
            update.AdditionalProperties[BatonChatResponseProperties.ServedBy] = Name;
            MarkStructuredOutput(update.AdditionalProperties, options);
            yield return update;
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null || serviceType != typeof(ModelCapabilities))
        {
            return base.GetService(serviceType, serviceKey);
        }

        var primary = Capabilities(InnerClient);
        var fallback = Capabilities(_fallback);
        return primary with
        {
            SupportsMaxOutputTokens = primary.SupportsMaxOutputTokens && fallback.SupportsMaxOutputTokens,
            Fallback = fallback,
        };
    }

    private static ModelCapabilities Capabilities(IChatClient client) =>
        client.GetService(typeof(ModelCapabilities)) as ModelCapabilities ?? ModelCapabilities.Unknown;

    // A reply the fallback served was constrained by the fallback's mechanism, not the primary's that agent_called
    // recorded; an inner fallback that already said which one served keeps its word.
    private void MarkStructuredOutput(AdditionalPropertiesDictionary properties, ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson { Schema: not null } || properties.ContainsKey(BatonChatResponseProperties.StructuredOutput))
        {
            return;
        }

        var served = Capabilities(_fallback).StructuredOutput;
        if (served != Capabilities(InnerClient).StructuredOutput)
        {
            properties[BatonChatResponseProperties.StructuredOutput] = served;
        }
    }

    private bool ShouldFallBack(Exception ex, CancellationToken cancellationToken) =>
        !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested) && _shouldFallback(ex);
}
