using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>A worker refuses a run whose orchestration it does not have (or has in another version) and writes nothing.</summary>
public sealed class OrchestrationByNameTests
{
    [Fact]
    public async Task Start_UnknownOrOtherVersion_RefusedWithAClearErrorAndNothingWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(10), ct);
        await cluster.StartWorkersAsync(1);
        await cluster.ConnectClientAsync(ct);

        var unknown = await Assert.ThrowsAsync<OrchestrationUnavailableException>(() =>
            cluster.Client.StartAsync(ClusterHarness.Request("u1") with { Orchestration = "nope" }, ct));
        var otherVersion = await Assert.ThrowsAsync<OrchestrationUnavailableException>(() =>
            cluster.Client.StartAsync(ClusterHarness.Request("u2") with { DefinitionHash = "0123456789abcdef" }, ct));

        Assert.Contains("orchestration 'nope' is not registered here (registered: 'pipeline4')", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("definition hash 0123456789abcdef", otherVersion.Message, StringComparison.Ordinal);
        Assert.Empty(await cluster.JournalAsync("u1", ct));
        Assert.Empty(await cluster.JournalAsync("u2", ct));

        // The same worker runs the right version.
        var result = await cluster.Client.RunAsync(ClusterHarness.Request("u3"), null, ct);
        Assert.Equal(RunStatus.Completed, result.Status);
    }

    [Fact]
    public async Task Schema_EnsuredConcurrentlyAndAgain_IsANoOp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(10), ct);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => BatonClusterSchema.EnsureAsync(cluster.ConnectionString, ct)));
        await BatonClusterSchema.EnsureAsync(cluster.ConnectionString, ct);

        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM OrleansQuery WHERE QueryText LIKE '-- baton-cluster-schema%'", connection);
        Assert.Equal(16L, (long)(await command.ExecuteScalarAsync(ct))!);
    }
}
