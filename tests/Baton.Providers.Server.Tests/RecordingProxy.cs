using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Baton.Providers.Server.Tests;

/// <summary>
/// A loopback HTTP forwarder between Baton and llama-server that keeps every request body and answer, so tests can
/// check what Baton really sent (the schema, the token limit) and what the server really answered.
/// </summary>
/// <remarks>
/// Requests are forwarded unchanged: the output-token limit the server honours is the one Baton sent, which the
/// tests set through the samples' own <c>max_output_tokens</c>.
/// </remarks>
public sealed class RecordingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Uri _target;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ConcurrentQueue<Exchange> _exchanges = new();
    private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();
    private readonly Task _loop;

    private RecordingProxy(HttpListener listener, Uri baseUrl, Uri target)
    {
        _listener = listener;
        BaseUrl = baseUrl;
        _target = target;
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Gets every request received, as sent, including those whose caller gave up before the answer.</summary>
    public IReadOnlyList<(string Path, string Body)> Requests => [.. _requests];

    /// <summary>Gets every request that got an answer, with the answer.</summary>
    public IReadOnlyList<Exchange> Exchanges => [.. _exchanges];

    public static RecordingProxy Start(Uri target)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var url = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return new RecordingProxy(listener, url, target);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public void Clear()
    {
        _exchanges.Clear();
        _requests.Clear();
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
            // Closed while waiting for a request: the normal end of the loop.
        }

        _http.Dispose();
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

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        _requests.Enqueue((request.Url!.AbsolutePath, body));
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.Url!.PathAndQuery.TrimStart('/')));
        if (body.Length > 0)
        {
            forward.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var name in request.Headers.AllKeys.Where(k => k is not null && k.StartsWith("anthropic", StringComparison.OrdinalIgnoreCase)))
        {
            forward.Headers.TryAddWithoutValidation(name!, request.Headers[name!]);
        }

        var started = DateTime.UtcNow;
        int status;
        string answer;
        string contentType;
        try
        {
            using var response = await _http.SendAsync(forward);
            status = (int)response.StatusCode;
            answer = await response.Content.ReadAsStringAsync();
            contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        }
        catch (HttpRequestException ex)
        {
            status = 502;
            answer = $"{{\"error\":{{\"message\":\"proxy: {ex.GetType().Name}\"}}}}";
            contentType = "application/json";
        }

        _exchanges.Enqueue(new Exchange(request.HttpMethod, request.Url!.AbsolutePath, body, status, answer, DateTime.UtcNow - started));
        var output = context.Response;
        output.StatusCode = status;
        output.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(answer);
        output.ContentLength64 = bytes.Length;
        try
        {
            await output.OutputStream.WriteAsync(bytes);
            output.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (a per-attempt timeout or a deadline); nothing to answer.
        }
    }

    /// <summary>One request and the server's answer.</summary>
    public sealed record Exchange(string Method, string Path, string RequestBody, int Status, string ResponseBody, TimeSpan Elapsed);
}
