namespace Baton.Orleans.Hosting;

/// <summary>Creates the cluster's tables before Orleans' membership and reminders read them.</summary>
internal sealed class ClusterSchemaSetup(BatonSiloOptions options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterSchemaSetup), ServiceLifecycleStage.First, cancellationToken => BatonClusterSchema.EnsureAsync(options.ConnectionString, cancellationToken));
}
