using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>Ctrl+C on a worker hands its runs over: they complete on the other worker with the usual guarantees.</summary>
public sealed class GracefulStopTests
{
    [Fact]
    public async Task CtrlCOnAWorker_RunsInFlight_ContinueOnTheOtherWorker()
    {
        var ct = TestContext.Current.CancellationToken;
        const int runs = 16;
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(500), ct);
        await cluster.StartWorkersAsync(2);
        await cluster.ConnectClientAsync(ct);
        var keys = Enumerable.Range(0, runs).Select(i => $"g{i}").ToList();
        var placed = await Task.WhenAll(keys.Select(k => cluster.Client.StartAsync(ClusterHarness.Request(k), ct)));
        var stopping = cluster.Workers.First(w => placed.Any(p => p.Silo == w.Silo));
        var waits = keys.Select(k => cluster.Client.WaitAsync($"run-{k}", null, ct)).ToList();
        while (cluster.Model.Total < runs)
        {
            await Task.Delay(20, ct);
        }

        stopping.Interrupt();
        await stopping.WaitForExitAsync(TimeSpan.FromMinutes(2));
        var results = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromMinutes(3), ct);

        Assert.Equal(0, stopping.ExitCode);
        Assert.Contains("stopped.", stopping.Output, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Equal(RunStatus.Completed, r.Status));
        var problems = new List<string>();
        foreach (var key in keys)
        {
            problems.AddRange(JournalAudit.Check(key, await cluster.JournalAsync(key, ct), cluster.Model.Counts).Problems.Select(p => $"run-{key}: {p}"));
        }

        Assert.Empty(problems);
    }
}
