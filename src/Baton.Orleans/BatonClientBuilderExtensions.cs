using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Baton.Orleans;

/// <summary>Connects an Orleans client to a Baton cluster.</summary>
public static class BatonClientBuilderExtensions
{
    /// <summary>
    /// Finds the cluster's gateways through its PostgreSQL membership table and registers a
    /// <see cref="BatonClusterClient"/> in the client's services.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="connectionString">The cluster's PostgreSQL connection string.</param>
    /// <param name="clusterId">The cluster id the silos use.</param>
    /// <param name="serviceId">The service id the silos use.</param>
    /// <returns>The builder.</returns>
    public static IClientBuilder UseBatonCluster(
        this IClientBuilder builder,
        string connectionString,
        string clusterId = BatonClusterDefaults.ClusterId,
        string serviceId = BatonClusterDefaults.ServiceId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        builder.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = clusterId;
            cluster.ServiceId = serviceId;
        });
        builder.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = BatonClusterDefaults.AdoNetInvariant;
            clustering.ConnectionString = connectionString;
        });
        builder.Services.AddSingleton(services => new BatonClusterClient(services.GetRequiredService<IClusterClient>()));
        return builder;
    }
}
