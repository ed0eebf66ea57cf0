using Baton.Journal;
using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>A run whose provider asks for a long back-off parks (its grain deactivates) and continues when woken.</summary>
public sealed class ParkedRunTests
{
    [Fact]
    public async Task LongProviderBackOff_RunParks_WakeContinuesItWithTheRefusedCallSentAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(50), ct);
        cluster.Model.RetryAfterSeconds = 3600;
        await cluster.StartWorkersAsync(1, "--park-after", "2m");
        await cluster.ConnectClientAsync(ct);

        await cluster.Client.StartAsync(ClusterHarness.Request("p1"), ct);
        var info = await WaitForPhaseAsync(cluster, "run-p1", ClusterRunPhase.Parked, ct);
        Assert.NotNull(info.ParkedUntil);
        Assert.InRange(info.ParkedUntil!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        var parked = await cluster.JournalAsync("p1", ct);
        Assert.IsType<AgentCalled>(parked[^1]);
        Assert.DoesNotContain(parked, e => e is RunEnded or AgentFailed);

        cluster.Model.RetryAfterSeconds = null;
        await cluster.Client.WakeAsync("run-p1", ct);
        var result = await cluster.Client.WaitAsync("run-p1", null, ct).WaitAsync(TimeSpan.FromMinutes(2), ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var findings = JournalAudit.Check("p1", await cluster.JournalAsync("p1", ct), cluster.Model.Counts);
        Assert.Empty(findings.Problems);
        Assert.Equal(1, findings.FlaggedResends);
        Assert.Equal(2, cluster.Model.Counts[("p1", "s1")]);
    }

    [Fact]
    public async Task ParkedRun_Cancelled_EndsCancelledWithoutCallingTheModel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(50), ct);
        cluster.Model.RetryAfterSeconds = 3600;
        await cluster.StartWorkersAsync(1, "--park-after", "2m");
        await cluster.ConnectClientAsync(ct);
        await cluster.Client.StartAsync(ClusterHarness.Request("c1"), ct);
        await WaitForPhaseAsync(cluster, "run-c1", ClusterRunPhase.Parked, ct);

        var info = await cluster.Client.CancelAsync("run-c1", ct);

        Assert.Equal(ClusterRunPhase.Ended, info.Phase);
        Assert.Equal(RunStatus.Cancelled, info.Status);
        Assert.Equal(1, cluster.Model.Counts[("c1", "s1")]);
    }

    private static async Task<ClusterRunInfo> WaitForPhaseAsync(ClusterHarness cluster, string runId, ClusterRunPhase phase, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var info = await cluster.Client.GetInfoAsync(runId, ct);
            if (info.Phase == phase || DateTime.UtcNow > deadline)
            {
                Assert.Equal(phase, info.Phase);
                return info;
            }

            await Task.Delay(100, ct);
        }
    }
}
