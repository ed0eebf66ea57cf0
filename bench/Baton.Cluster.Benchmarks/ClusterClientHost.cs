using Baton.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Baton.Cluster.Benchmarks;

/// <summary>An Orleans client connected to the benchmark's cluster.</summary>
internal sealed class ClusterClientHost(IHost host) : IAsyncDisposable
{
    public BatonClusterClient Client { get; } = host.Services.GetRequiredService<BatonClusterClient>();

    public static async Task<ClusterClientHost> ConnectAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseBatonCluster(connectionString));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
