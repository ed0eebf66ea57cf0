using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Baton.Cli.Tests;

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 (HttpListener): the CLI reaches it through
/// <c>OPENAI_BASE_URL</c>, exactly as it reaches llama.cpp or vLLM. Each request is answered by a callback.
/// </summary>
internal sealed class ModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<string, Task<(int Status, string Body)>> _respond;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    private ModelServer(HttpListener listener, Uri baseUrl, Func<string, Task<(int Status, string Body)>> respond)
    {
        _listener = listener;
        BaseUrl = baseUrl;
        _respond = respond;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Gets the value for <c>OPENAI_BASE_URL</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the request bodies received so far.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts a server that answers every request with <paramref name="respond"/>.</summary>
    public static ModelServer Start(Func<string, Task<(int Status, string Body)>> respond)
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
                return new ModelServer(listener, new Uri($"http://127.0.0.1:{port}/v1"), respond);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding.
                listener.Close();
            }
        }
    }

    /// <summary>Starts a server that answers every request with the same completion text.</summary>
    public static ModelServer Answering(string text) => Start(_ => Task.FromResult((200, Completion(text))));

    /// <summary>An OpenAI chat completion carrying <paramref name="text"/>.</summary>
    public static string Completion(string text) =>
        $$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":{{{JsonSerializer.Serialize(text)}}}},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""";

    /// <summary>An OpenAI error body carrying <paramref name="message"/>.</summary>
    public static string Error(string type, string message) =>
        $$$"""{"error":{"type":{{{JsonSerializer.Serialize(type)}}},"message":{{{JsonSerializer.Serialize(message)}}}}}""";

    public async ValueTask DisposeAsync()
    {
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed listener can fail to unregister a port another socket has taken meanwhile; it is closed anyway.
        }

        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Closed while waiting for a request: the normal end of the loop.
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

            _requests.Enqueue(body);
            var (status, reply) = await _respond(body);
            var bytes = Encoding.UTF8.GetBytes(reply);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away (a cancelled run); nothing to answer.
        }
    }
}
