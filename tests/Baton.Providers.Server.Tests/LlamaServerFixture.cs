namespace Baton.Providers.Server.Tests;

/// <summary>
/// Starts one llama-server for the whole test assembly, serving a random-weight model in SmolLM2-135M's shape that
/// the tests write (and cache), behind a <see cref="RecordingProxy"/>.
/// </summary>
/// <remarks>
/// The server binary comes from <c>tools/build-llama-server.sh</c> (CI builds it in <c>.ci/setup.d</c>). Without it,
/// the tests skip locally and fail in CI (<c>CI=true</c>), where the setup step must have built it.
/// </remarks>
public sealed class LlamaServerFixture : IAsyncLifetime
{
    /// <summary>
    /// The output-token limit every test run sets (the samples' <c>max_output_tokens</c>, rewritten in the tests'
    /// copies): a random-weight model never chooses to stop, so each answer runs to the limit it is sent.
    /// </summary>
    public const int TokenLimit = 64;

    private LlamaServer? _server;
    private RecordingProxy? _proxy;

    /// <summary>Gets why the server is not available, or null when it runs.</summary>
    public string? SkipReason { get; private set; }

    public RecordingProxy Proxy => _proxy ?? throw new InvalidOperationException(SkipReason);

    public string ModelPath { get; private set; } = string.Empty;

    public string ServerLog => _server?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        var binary = LlamaServer.FindBinary();
        if (binary is null)
        {
            SkipReason = "llama-server is not built. Build it with tools/build-llama-server.sh (about 10 minutes on 2 cores; " +
                         "it caches the binary in ~/.cache/baton-llama-server) or point BATON_LLAMA_SERVER at one.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(SkipReason + " In CI, .ci/setup.d/llama-server.sh should have built it.");
            }

            return;
        }

        ModelPath = WriteModel();
        _server = await LlamaServer.StartAsync(binary, ModelPath, TestContext.Current.CancellationToken);
        _proxy = RecordingProxy.Start(_server.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void RequireServer()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    private static string WriteModel()
    {
        var writer = new ServerModelWriter();
        var home = Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath();
        var folder = Path.Combine(home, ".cache", "baton-llama-server", "models");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, writer.FileName);
        if (!File.Exists(path))
        {
            writer.Write(path);
        }

        return path;
    }
}
