// Cluster benchmark: runs/s and end-to-end latency on 1, 2 and 3 silo processes against the in-process runner (same
// fake model, same PostgreSQL), and the memory a parked run costs a silo.
// Usage: dotnet run -c Release --project bench/Baton.Cluster.Benchmarks [-- --quick] [--parked N] [--runs N] [--only-parked]
// Everything runs on loopback: a temporary PostgreSQL server (initdb + pg_ctl), a fake OpenAI-compatible server.
using System.Diagnostics;
using System.Globalization;
using Baton.Cluster.Benchmarks;
using Baton.Orleans;
using Baton.Orleans.Tests.Cluster;
using Baton.Orchestration;
using Baton.Specs;
using Baton.Storage.Postgres;
using Baton.Storage.Postgres.Tests;

var quick = args.Contains("--quick");
var runs = IntArg("--runs", quick ? 60 : 200);
var parkedRuns = IntArg("--parked", quick ? 1000 : 10_000);
var onlyParked = args.Contains("--only-parked");
const int Concurrency = 50;
var modelDelay = TimeSpan.FromMilliseconds(50);

var bin = TemporaryPostgresServer.FindBinaries() ?? throw new InvalidOperationException(TemporaryPostgresServer.InstallHint);
await using var postgres = await TemporaryPostgresServer.StartAsync(bin);
await using var model = FakeModelServer.Start(modelDelay);
var specs = Directory.CreateTempSubdirectory("baton-bench-specs-").FullName;
await File.WriteAllTextAsync(Path.Combine(specs, "pipeline4.yaml"), Pipeline4Spec.Yaml);
var spec = SpecLoader.LoadFile(Path.Combine(specs, "pipeline4.yaml")).Spec ?? throw new InvalidOperationException("The benchmark spec does not load.");
var resolver = new FakeModelResolver(model.BaseUrl);
var rows = new List<string>();
Console.Error.WriteLine($"load average before: {LoadAverage()}");

try
{
    // Baseline: the in-process runner on the same store and model.
    if (!onlyParked)
    {
        await using var store = new PostgresRunStore(await postgres.CreateDatabaseAsync("bench_inprocess"));
        var runner = new HandoffRunner(new HandoffRunnerOptions { Store = store });
        var orchestration = SpecCompiler.Compile(spec, resolver);
        var measured = await Throughput.MeasureAsync(runs, Concurrency, async i =>
        {
            var result = await runner.RunAsync(orchestration, Baton.Context.HandoffContext.Create($"Process item RUNKEY-b{i}"), new RunOptions { Limits = spec.Limits });
            return result.Status;
        });
        rows.Add(measured.Row("in-process HandoffRunner (baseline)", null));
        Console.Error.WriteLine(rows[^1]);
    }

    double? baselineRate = null;
    foreach (var silos in onlyParked ? [] : new[] { 1, 2, 3 })
    {
        var connection = await postgres.CreateDatabaseAsync($"bench_silos_{silos}");
        var environment = new Dictionary<string, string> { ["OPENAI_BASE_URL"] = model.BaseUrl.ToString(), ["OPENAI_API_KEY"] = "bench-key-not-secret" };
        var workers = new List<WorkerProcess>();
        try
        {
            for (var s = 0; s < silos; s++)
            {
                var worker = WorkerProcess.Start($"w{s + 1}", connection, specs, environment);
                workers.Add(worker);
                await worker.WaitReadyAsync(TimeSpan.FromMinutes(2));
            }

            await using var client = await ClusterClientHost.ConnectAsync(connection);
            var measured = await Throughput.MeasureAsync(runs, Concurrency, async i =>
            {
                var result = await client.Client.RunAsync(new ClusterRunRequest { Orchestration = Pipeline4Spec.Name, Task = $"Process item RUNKEY-c{silos}x{i}", Limits = spec.Limits });
                return result.Status;
            });
            baselineRate ??= Throughput.Parse(rows[0]);
            rows.Add(measured.Row($"cluster, {silos} silo process{(silos == 1 ? string.Empty : "es")}", baselineRate));
            Console.Error.WriteLine(rows[^1]);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    if (!onlyParked)
    {
        Console.WriteLine($"## Throughput ({runs} runs of the 4-step pipeline, {Concurrency} at a time, model answers after {modelDelay.TotalMilliseconds:F0} ms)");
        Console.WriteLine();
        Console.WriteLine("| runner | runs/s | vs in-process | end-to-end p50 ms | p99 ms | completed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
    }

    // One pool for the silo's journal and one for Orleans' reminders, both well inside the server's 300 connections.
    var parkedDatabase = (await postgres.CreateDatabaseAsync("bench_parked")).Replace("Maximum Pool Size=200", "Maximum Pool Size=50", StringComparison.Ordinal);
    var parked = await ParkedRuns.MeasureAsync(parkedDatabase, model, spec, resolver, parkedRuns);
    Console.WriteLine($"## Parked runs ({parkedRuns:N0} runs parked on a one-hour provider back-off, one in-process silo)");
    Console.WriteLine();
    Console.WriteLine(parked);
    Console.Error.WriteLine($"load average after: {LoadAverage()}");
}
finally
{
    Directory.Delete(specs, recursive: true);
}

int IntArg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
