using System.Text;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.CrashHost;

/// <summary>
/// A deterministic model that logs every request it receives to a side file, flushed to disk before it answers,
/// so the count survives kill -9. Each line: <c>agent TAB request-hash</c>.
/// </summary>
internal sealed class CountingChatClient(string requestLog, int seed) : IChatClient
{
    private readonly Random _random = new(seed);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var agent = list[0].Text["You are ".Length..].TrimEnd('.');
        var hash = RequestFingerprint.Compute(list, options);
        using (var log = new FileStream(requestLog, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.WriteThrough))
        {
            log.Write(Encoding.UTF8.GetBytes($"{agent}\t{hash}\n"));
            log.Flush(flushToDisk: true);
        }

        // The request has reached the model: report it and wait, so the test can kill the host while the call is in flight.
        Console.Out.WriteLine($"sent {agent}");
        Console.Out.Flush();
        _ = Console.In.ReadLine();

        // A little jitter so kills land at different moments of the call and the append that follows.
        var delay = _random.Next(0, 6);
        if (delay > 0)
        {
            await Task.Delay(delay, cancellationToken);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"output of {agent} for request {hash[..8]}"))
        {
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
