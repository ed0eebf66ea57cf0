using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Baton.Orleans;
using Baton.Orleans.Tests.Cluster;
using Baton.Specs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Hosting;

namespace Baton.Cluster.Benchmarks;

/// <summary>
/// Parks N runs in one in-process silo (the model answers every first call with a one-hour Retry-After) and measures
/// the silo's managed heap before and after, then wakes every run by message and checks each one completes.
/// </summary>
internal static class ParkedRuns
{
    private const int Parallelism = 100;

    public static async Task<string> MeasureAsync(string connectionString, FakeModelServer model, PipelineSpec spec, IModelResolver resolver, int count)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort(), listenOnAnyHostAddress: false);
            silo.AddBaton(options =>
            {
                options.ConnectionString = connectionString;
                options.Orchestrations.AddSpec(spec, resolver);
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        var client = new BatonClusterClient(host.Services.GetRequiredService<IGrainFactory>());
        var limits = spec.Limits;

        // Warm up every path measured (JIT, pools, caches): runs that complete, and runs that park and are woken.
        model.RetryAfterSeconds = null;
        await ForEachAsync(Enumerable.Range(0, 50), i => client.RunAsync(Request($"warm{i}")));
        model.RetryAfterSeconds = 3600;
        await ForEachAsync(Enumerable.Range(0, 200), i => client.StartAsync(Request($"warmpark{i}")));
        await WaitUntilAsync(connectionString, "SELECT count(*) FROM baton_orleans_reminders WHERE reminder_name LIKE 'baton-wake@%'", 200);
        model.RetryAfterSeconds = null;
        await ForEachAsync(Enumerable.Range(0, 200), i => client.WakeAsync($"run-warmpark{i}"));
        await WaitUntilAsync(connectionString, "SELECT count(*) FROM baton_events WHERE kind = 'run_ended' AND run_id LIKE 'run-warmpark%'", 200);
        var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await SettleAsync(management);
        model.RetryAfterSeconds = 3600;
        var before = Heap();

        var parkWatch = Stopwatch.StartNew();
        await ForEachAsync(Enumerable.Range(0, count), i => client.StartAsync(Request($"park{i}")));
        await WaitUntilAsync(connectionString, "SELECT count(*) FROM baton_orleans_reminders WHERE reminder_name LIKE 'baton-wake@%'", count);
        var parkSeconds = parkWatch.Elapsed.TotalSeconds;
        var activeRuns = await SettleAsync(management);

        var after = Heap();
        var perRun = (after - before) / (double)count;

        model.RetryAfterSeconds = null;
        var wakeWatch = Stopwatch.StartNew();
        await ForEachAsync(Enumerable.Range(0, count), i => client.WakeAsync($"run-park{i}"));
        var completed = await WaitUntilAsync(connectionString, "SELECT count(*) FROM baton_events WHERE kind = 'run_ended' AND run_id LIKE 'run-park%'", count, TimeSpan.FromMinutes(20));
        var wakeSeconds = wakeWatch.Elapsed.TotalSeconds;
        await host.StopAsync();

        return string.Create(CultureInfo.InvariantCulture, $"""
            | measure | value |
            |---|---:|
            | runs parked | {count:N0} (in {parkSeconds:F0} s) |
            | run grains still active once parked | {activeRuns} |
            | silo process managed heap before / after parking (after full GC; silo and in-process client) | {before / 1024.0 / 1024.0:F1} MiB / {after / 1024.0 / 1024.0:F1} MiB |
            | **memory per parked run in the silo** | **{perRun:F0} bytes** (target < 2,048) |
            | parked runs that completed after a wake-up message | {completed:N0} / {count:N0} (in {wakeSeconds:F0} s) |
            """);

        ClusterRunRequest Request(string key) => new() { RunId = $"run-{key}", Orchestration = Pipeline4Spec.Name, Task = $"Process item RUNKEY-{key}", Limits = limits };
    }

    private static async Task<int> SettleAsync(IManagementGrain management)
    {
        int activeRuns;
        var settle = Stopwatch.StartNew();
        do
        {
            await Task.Delay(500);
            activeRuns = (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("RunGrain", StringComparison.Ordinal) || s.GrainType.Contains("baton-run", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        }
        while (activeRuns > 0 && settle.Elapsed < TimeSpan.FromMinutes(2));
        return activeRuns;
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task ForEachAsync(IEnumerable<int> items, Func<int, Task> action) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => await action(i));

    private static async Task<long> WaitUntilAsync(string connectionString, string countQuery, long expected, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand(countQuery, connection);
            var count = (long)(await command.ExecuteScalarAsync())!;
            if (count >= expected || deadline.Elapsed > (timeout ?? TimeSpan.FromMinutes(10)))
            {
                return count;
            }

            await Task.Delay(500);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
