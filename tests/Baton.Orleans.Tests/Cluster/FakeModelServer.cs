using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Baton.Orleans.Tests.Cluster;

/// <summary>
/// An OpenAI-compatible chat server on 127.0.0.1 (HttpListener) that answers after a delay and counts the requests it
/// receives per (run key, agent): the run key is <c>RUNKEY-…</c> in the task, the agent is <c>AGENT=…</c> in its instructions.
/// </summary>
/// <remarks>Shared by the cluster tests and the cluster benchmark (linked as source).</remarks>
internal sealed partial class FakeModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentDictionary<(string Run, string Agent), int> _counts = new();
    private int _total;

    private FakeModelServer(HttpListener listener, Uri baseUrl, TimeSpan delay)
    {
        _listener = listener;
        BaseUrl = baseUrl;
        Delay = delay;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Gets the OpenAI base URL, with <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets or sets how long each answer takes.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Gets or sets a back-off to answer with (HTTP 429 and <c>Retry-After</c> in seconds) instead of an answer; null answers normally.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Gets how many requests arrived.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Gets the requests per (run key, agent).</summary>
    public IReadOnlyDictionary<(string Run, string Agent), int> Counts => _counts;

    public static FakeModelServer Start(TimeSpan delay)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeModelServer(listener, new Uri($"http://127.0.0.1:{port}/v1"), delay);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var run = RunKey().Match(body) is { Success: true } r ? r.Groups[1].Value : "?";
            var agent = AgentKey().Match(body) is { Success: true } a ? a.Groups[1].Value : "?";
            _counts.AddOrUpdate((run, agent), 1, (_, n) => n + 1);
            Interlocked.Increment(ref _total);
            await Task.Delay(Delay);

            var response = context.Response;
            string reply;
            if (RetryAfterSeconds is { } retryAfter)
            {
                response.StatusCode = 429;
                response.Headers["Retry-After"] = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                reply = """{"error":{"type":"rate_limit_exceeded","message":"slow down"}}""";
            }
            else
            {
                reply = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["id"] = "chatcmpl-fake",
                    ["object"] = "chat.completion",
                    ["created"] = 1,
                    ["model"] = "fake",
                    ["choices"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["index"] = 0,
                            ["message"] = new Dictionary<string, object> { ["role"] = "assistant", ["content"] = $"output of {agent} for {run}" },
                            ["finish_reason"] = "stop",
                        },
                    },
                    ["usage"] = new Dictionary<string, object> { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
                });
            }

            var bytes = Encoding.UTF8.GetBytes(reply);
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The caller died (a killed worker): nothing to answer.
        }
    }

    [GeneratedRegex(@"RUNKEY-([A-Za-z0-9]+)")]
    private static partial Regex RunKey();

    [GeneratedRegex(@"AGENT=([A-Za-z0-9]+)")]
    private static partial Regex AgentKey();
}
