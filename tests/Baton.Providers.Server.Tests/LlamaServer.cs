using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Baton.Providers.Server.Tests;

/// <summary>
/// A real llama.cpp <c>llama-server</c> process on a loopback port, serving one model: OpenAI-compatible
/// <c>/v1/chat/completions</c> and Anthropic-style <c>/v1/messages</c>.
/// </summary>
internal sealed class LlamaServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private LlamaServer(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Gets what the server printed (its log), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Finds the binary: <c>BATON_LLAMA_SERVER</c>, else where <c>tools/build-llama-server.sh</c> puts it.</summary>
    public static string? FindBinary()
    {
        if (Environment.GetEnvironmentVariable("BATON_LLAMA_SERVER") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cached = Path.Combine(home, ".cache", "baton-llama-server", "llama.cpp", "build", "bin", "llama-server");
        return File.Exists(cached) ? cached : null;
    }

    public static async Task<LlamaServer> StartAsync(string binary, string model, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // -t 1: on two shared cores more threads spin against each other; --seed makes runs repeatable; --jinja
        // applies the model's own chat template (and enables tool calls for the Anthropic path's forced tool).
        foreach (var arg in new[]
                 {
                     "-m", model, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-c", "4096", "-t", "1", "-np", "1", "--seed", "42", "--jinja", "--no-webui",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var server = new LlamaServer(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync(TimeSpan.FromMinutes(3), cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            // Keep the log bounded: a long run logs every request.
            if (_log.GetStringBuilder().Length > 200_000)
            {
                _log.GetStringBuilder().Remove(0, 100_000);
            }

            _log.WriteLine(line);
        }
    }

    private async Task WaitHealthyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"llama-server exited with code {_process.ExitCode} before it was ready:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Loading the model; ask again.
            }

            // Polling a child process's readiness: real time, not a test's clock.
            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"llama-server was not healthy within {limit.TotalSeconds} s:\n{Log}");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
