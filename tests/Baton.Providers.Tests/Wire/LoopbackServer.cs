using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Baton.Providers.Tests.Wire;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (HttpListener) that records each request and answers from a callback, so
/// provider SDKs are tested over the wire exactly as they talk to the real services.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, ServerReply> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;

    private LoopbackServer(HttpListener listener, Uri baseUrl, Func<RecordedRequest, ServerReply> respond)
    {
        _listener = listener;
        BaseUrl = baseUrl;
        _respond = respond;
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static LoopbackServer Start(Func<RecordedRequest, ServerReply> respond)
    {
        // Another process may take the port between probing and binding; try a few.
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
                return new LoopbackServer(listener, url, respond);
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
            // The listener was closed while waiting for a request: the normal way this loop ends.
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
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var headers = request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.HttpMethod, request.Url!.AbsolutePath, headers, body);
        _requests.Enqueue(recorded);

        ServerReply reply;
        try
        {
            reply = _respond(recorded);
        }
        catch (Exception ex)
        {
            reply = new ServerReply(500, $"{{\"error\":{{\"type\":\"test_server\",\"message\":\"{ex.GetType().Name}\"}}}}");
        }

        var response = context.Response;
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers)
        {
            response.Headers[name] = value;
        }

        try
        {
            if (reply.Chunks is { } chunks)
            {
                response.SendChunked = true;
                foreach (var chunk in chunks)
                {
                    var bytes = Encoding.UTF8.GetBytes(chunk);
                    await response.OutputStream.WriteAsync(bytes);
                    await response.OutputStream.FlushAsync();
                }
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(reply.Body);
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
            }

            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away mid-answer (a cancelled test); nothing to report.
        }
    }
}
