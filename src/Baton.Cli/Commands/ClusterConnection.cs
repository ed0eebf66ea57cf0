using Baton.Cli.Output;
using Baton.Cli.Progress;
using Baton.Journal;
using Baton.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Baton.Cli.Commands;

/// <summary>A connected Orleans client of a Baton cluster, for <c>run --cluster</c> and <c>answer --cluster</c>; disconnects on dispose.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    /// <summary>How results name a cluster's journal: <c>cluster 'id'</c>.</summary>
    public const string StorePrefix = "cluster '";

    private readonly IHost _host;

    private ClusterConnection(IHost host, string clusterId)
    {
        _host = host;
        ClusterId = clusterId;
        Client = host.Services.GetRequiredService<BatonClusterClient>();
    }

    public BatonClusterClient Client { get; }

    public string ClusterId { get; }

    /// <summary>Gets how results name where the run lives (for <see cref="ResultPrinter"/>).</summary>
    public string StoreName => $"{StorePrefix}{ClusterId}'";

    /// <summary>Connects through the cluster's PostgreSQL membership table; writes why not and returns <see langword="null"/> when it cannot.</summary>
    public static async Task<ClusterConnection?> ConnectAsync(CliConsole console, string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseBatonCluster(connectionString, clusterId));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            host.Dispose();
            await console.Error.WriteLineAsync($"error: cannot reach the cluster '{clusterId}' through PostgreSQL ({ex.GetType().Name}: {ex.Message}). Start a worker first: baton worker --postgres \"...\" --specs DIR").ConfigureAwait(false);
            return null;
        }

        return new ClusterConnection(host, clusterId);
    }

    /// <summary>The progress a local run shows: live on a terminal, plain lines otherwise, none for JSON.</summary>
    public static (IRunObserver? Observer, LiveProgress? Live) Progress(CliConsole console, bool json)
    {
        if (json)
        {
            return (null, null);
        }

        if (console.IsOutputRedirected || console.Out is not SafeConsoleWriter terminal)
        {
            return (new PlainProgress(console.Out, console.TimeProvider), null);
        }

        var live = new LiveProgress(terminal, console.TimeProvider);
        return (live, live);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }
}
