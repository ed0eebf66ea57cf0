using System.Globalization;
using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>
/// Kills a silo process with SIGKILL while a third of the runs are mid-flight: every run must complete on the
/// survivors with today's resume guarantee, checked against what the model server received.
/// </summary>
/// <remarks>
/// CI runs 60 runs. The full 300: <c>BATON_CLUSTER_RUNS=300 dotnet test --project tests/Baton.Orleans.Tests -- --filter-class "Baton.Orleans.Tests.SiloKillTests"</c>.
/// </remarks>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KillOneOfThreeSilos_RunsInFlight_AllCompleteWithoutLostOrRepeatedCalls()
    {
        var ct = TestContext.Current.CancellationToken;
        var runs = int.TryParse(Environment.GetEnvironmentVariable("BATON_CLUSTER_RUNS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 60;
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(400), ct);
        await cluster.StartWorkersAsync(3);
        await cluster.ConnectClientAsync(ct);

        var keys = Enumerable.Range(0, runs).Select(i => i.ToString("000", CultureInfo.InvariantCulture)).ToList();
        var placed = await Task.WhenAll(keys.Select(k => cluster.Client.StartAsync(ClusterHarness.Request(k), ct)));
        var bySilo = placed.GroupBy(p => p.Silo!).ToDictionary(g => g.Key, g => g.Select(p => p.RunId).ToHashSet(StringComparer.Ordinal));
        output.WriteLine($"runs per silo: {string.Join(", ", bySilo.Select(s => $"{s.Key}={s.Value.Count}"))}");
        Assert.Equal(3, bySilo.Count);

        var waits = keys.Select(k => cluster.Client.WaitAsync($"run-{k}", null, ct)).ToList();

        // Kill when a third of all model calls have been received: the victim's runs are mid-flight.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (cluster.Model.Total < runs * ClusterHarness.Agents.Length / 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }

        var victim = cluster.Workers.First(w => bySilo.ContainsKey(w.Silo));
        var killedAt = DateTimeOffset.UtcNow;
        victim.KillHard();
        output.WriteLine($"killed {victim.Name} ({victim.Silo}) at {cluster.Model.Total} requests");

        var results = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromMinutes(5), ct);
        Assert.All(results, r => Assert.Equal(RunStatus.Completed, r.Status));

        var problems = new List<string>();
        var latencies = new List<double>();
        int resumed = 0, flagged = 0;
        foreach (var key in keys)
        {
            var findings = JournalAudit.Check(key, await cluster.JournalAsync(key, ct), cluster.Model.Counts);
            problems.AddRange(findings.Problems.Select(p => $"run-{key}: {p}"));
            resumed += findings.Resumes;
            flagged += findings.FlaggedResends;
            latencies.AddRange(findings.ResumedAt.Where(t => t >= killedAt).Select(t => (t - killedAt).TotalMilliseconds).Take(1));
        }

        var resent = cluster.Model.Counts.Values.Sum() - (runs * ClusterHarness.Agents.Length);
        output.WriteLine($"{results.Length}/{runs} completed; {resumed} runs resumed after the kill, {flagged} flagged an in-flight call, the model received {resent} re-sent call(s)");
        output.WriteLine($"kill -> first resumed step: p50 {JournalAudit.Percentile(latencies, 50):F0} ms, p99 {JournalAudit.Percentile(latencies, 99):F0} ms over {latencies.Count} runs");
        ClusterReport.Write($"silo-kill: {runs} runs, 3 silos; {results.Length}/{runs} completed; kill -> first resumed step p50 {JournalAudit.Percentile(latencies, 50):F0} ms, p99 {JournalAudit.Percentile(latencies, 99):F0} ms over {latencies.Count} runs; {flagged} flagged in-flight re-sends, {resent} re-sent calls received; problems: {problems.Count}");
        Assert.Empty(problems);
        Assert.InRange(resent, 0, flagged);
        Assert.True(resumed >= bySilo[victim.Silo].Count(id => results.Any(r => r.RunId == id && r.Journal.OfType<Journal.RunResumed>().Any())) && resumed > 0, "The killed silo's runs should have resumed elsewhere.");
    }
}
