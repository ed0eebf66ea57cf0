using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Baton.Secrets;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// The outermost layer of every client <see cref="ChatClientFactory"/> builds: unwraps the SDK's exception so a
/// provider's HTTP error surfaces as the <see cref="ModelProviderException"/> raised by the transport (SDK error
/// types are normalised to it too), turns a server's report that the model's output did not match the requested
/// format into <see cref="Baton.Resilience.ModelOutputException"/>, removes any key from other exception messages, and disposes the SDK client and HTTP resources it owns (the inner chat client is disposed by the base class).
/// </summary>
internal sealed class ProviderErrorChatClient(IChatClient inner, string provider, SecretRedactor redactor, params IDisposable[] owned)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            ExceptionDispatchInfo.Throw(translated);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            ExceptionDispatchInfo.Throw(translated);
            throw;
        }

        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    update = updates.Current;
                }
                catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
                {
                    ExceptionDispatchInfo.Throw(translated);
                    throw;
                }

                yield return update;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var resource in owned)
            {
                resource.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Finds the exception to surface instead of <paramref name="ex"/>, or null to let it pass unchanged.</summary>
    private Exception? Translate(Exception ex, CancellationToken cancellationToken)
    {
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var normalized = SdkErrors.TryNormalize(ex, provider, redactor);
        if (normalized is not null && ModelOutputErrors.TryConvert(normalized) is { } outputError)
        {
            return outputError;
        }

        if (normalized is not null)
        {
            return ReferenceEquals(normalized, ex) ? null : normalized;
        }

        if (Reveals(ex))
        {
            // Never let a key leave in a message: replace the whole chain with a redacted account of it.
            return new ModelProviderException($"{provider} failed: {redactor.Redact(ex.GetType().Name + ": " + ex.Message)}");
        }

        return null;
    }

    private bool Reveals(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (redactor.Reveals(current.Message) || redactor.Reveals(current.ToString()))
            {
                return true;
            }
        }

        return false;
    }
}
