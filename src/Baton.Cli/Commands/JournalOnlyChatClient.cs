using Microsoft.Extensions.AI;

namespace Baton.Cli.Commands;

/// <summary>A chat client that is never meant to be called: a replay that reaches it has run past its recording.</summary>
internal sealed class JournalOnlyChatClient(string agent) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"Replay: the journal has no recorded answer for this call of agent '{agent}' (the run had not got this far).");

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"Replay: the journal has no recorded answer for this call of agent '{agent}'.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
