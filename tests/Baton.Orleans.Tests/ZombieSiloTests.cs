using System.Globalization;
using Baton.Journal;
using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>
/// Pauses a silo (SIGSTOP) past its membership timeout so its runs move to the other silos, then lets it go on
/// (SIGCONT): its writes must be refused, no run may get two continuations, and the zombie must learn it is dead.
/// </summary>
public sealed class ZombieSiloTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PausedSiloComesBack_AfterItsRunsMoved_ItsWritesAreRefusedAndItStops()
    {
        var ct = TestContext.Current.CancellationToken;
        const int runs = 24;

        // Slow answers, so the zombie's calls are still in flight when it is paused and answered while it sleeps.
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromSeconds(2), ct);
        await cluster.StartWorkersAsync(3);
        await cluster.ConnectClientAsync(ct);
        var keys = Enumerable.Range(0, runs).Select(i => "z" + i.ToString("00", CultureInfo.InvariantCulture)).ToList();
        var placed = await Task.WhenAll(keys.Select(k => cluster.Client.StartAsync(ClusterHarness.Request(k), ct)));
        var zombie = cluster.Workers.First(w => placed.Any(p => p.Silo == w.Silo));
        var zombieRuns = placed.Where(p => p.Silo == zombie.Silo).Select(p => p.RunId).ToList();
        var waits = keys.Select(k => cluster.Client.WaitAsync($"run-{k}", null, ct)).ToList();

        // Pause once every run has a call in flight.
        while (cluster.Model.Total < runs)
        {
            await Task.Delay(20, ct);
        }

        zombie.Pause();
        output.WriteLine($"paused {zombie.Name} ({zombie.Silo}) holding {zombieRuns.Count} runs");

        // Its runs move: each gets a run_resumed written by another silo.
        var moved = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < moved)
        {
            var resumed = 0;
            foreach (var runId in zombieRuns)
            {
                resumed += (await cluster.Store.ReadAsync(runId, ct)).OfType<RunResumed>().Any() ? 1 : 0;
            }

            if (resumed == zombieRuns.Count)
            {
                break;
            }

            await Task.Delay(250, ct);
        }

        zombie.Resume();
        output.WriteLine($"resumed {zombie.Name}");
        var results = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromMinutes(4), ct);
        await zombie.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.All(results, r => Assert.Equal(RunStatus.Completed, r.Status));
        var problems = new List<string>();
        foreach (var key in keys)
        {
            problems.AddRange(JournalAudit.Check(key, await cluster.JournalAsync(key, ct), cluster.Model.Counts).Problems.Select(p => $"run-{key}: {p}"));
        }

        var refused = zombie.Errors.Split('\n').Count(l => l.Contains("its write was refused", StringComparison.Ordinal));
        ClusterReport.Write($"zombie: {zombieRuns.Count} runs moved off the paused silo; {refused} of its writes refused after SIGCONT; it exited on its own: {zombie.HasExited}; problems: {problems.Count}");
        Assert.Empty(problems);
        Assert.True(refused > 0, "The zombie's writes after SIGCONT should have been refused:\n" + zombie.Errors);
        Assert.Contains("I have been told I am dead", zombie.Errors + zombie.Output, StringComparison.Ordinal);
    }
}
