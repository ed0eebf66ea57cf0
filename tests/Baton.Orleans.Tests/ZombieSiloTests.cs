using System.Globalization;
using Baton.Journal;
using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>
/// Pauses a silo (SIGSTOP) past its membership timeout so its runs move to the other silos, then lets it go on
/// (SIGCONT): the journal store must refuse its writes by lease epoch, no run may get two continuations, and the zombie
/// must learn it is dead.
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

        // The store itself refused the zombie's writes (LeaseLostException: its lease epoch was taken over), not only
        // the grain's own bookkeeping; and no event of an old epoch landed after a newer lease (JournalAudit).
        var lines = zombie.Errors.Split('\n');
        var fenced = lines.Count(l => l.Contains("the journal refused silo", StringComparison.Ordinal) && l.Contains(zombie.Silo, StringComparison.Ordinal));
        var refusedOtherwise = lines.Count(l => l.Contains("its write was refused", StringComparison.Ordinal));
        ClusterReport.Write($"zombie: {zombieRuns.Count} runs moved off the paused silo; after SIGCONT the store refused {fenced} of its writes by lease epoch ({refusedOtherwise} refused otherwise); it exited on its own: {zombie.HasExited}; problems: {problems.Count}");
        output.WriteLine($"store refused {fenced} zombie writes by lease epoch, {refusedOtherwise} otherwise");
        Assert.Empty(problems);
        Assert.True(fenced > 0, "The store should have refused the zombie's writes after SIGCONT by lease epoch:\n" + zombie.Errors);
        foreach (var runId in zombieRuns)
        {
            var journal = await cluster.Store.ReadAsync(runId, ct);
            Assert.True(RunState.FromEvents(journal).Lease!.Epoch >= 2, $"{runId} should have been continued under a newer lease.");
            Assert.Contains(journal, e => e is RunResumed r && r.LeaseOwner != zombie.Silo);
        }
        Assert.Contains("I have been told I am dead", zombie.Errors + zombie.Output, StringComparison.Ordinal);
    }
}
