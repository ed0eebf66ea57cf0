namespace Baton.Orleans.Tests.Cluster;

/// <summary>
/// One cluster shared by the people-in-the-loop tests: PostgreSQL, the model server, two test silos with the
/// <see cref="DeskSpec"/> orchestrations and a client, started by the first test that asks (so a missing PostgreSQL skips it).
/// </summary>
/// <remarks>A test may kill one of the two workers; the others need only one that lives.</remarks>
public sealed class PeopleClusterFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ClusterHarness? _cluster;

    internal async Task<ClusterHarness> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cluster is null)
            {
                var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(50), cancellationToken);
                try
                {
                    await cluster.StartTestSilosAsync(2, $"{DeskSpec.Name},{DeskSpec.DueName}");
                    await cluster.ConnectClientAsync(cancellationToken);
                }
                catch
                {
                    await cluster.DisposeAsync();
                    throw;
                }

                _cluster = cluster;
            }

            return _cluster;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _gate.Dispose();
    }
}
