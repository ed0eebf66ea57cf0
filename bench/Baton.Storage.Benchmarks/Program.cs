// Storage benchmark: durable events per second (1 run; 1,000 concurrent runs) and the latency a durable store
// adds to each handoff step, on SQLite and PostgreSQL. PostgreSQL is measured twice in the same run: the previous
// store (one transaction per append, bench/Baton.Storage.Benchmarks/Legacy) and the current one (grouped appends).
// Usage: dotnet run -c Release --project bench/Baton.Storage.Benchmarks [-- --quick] [-- --postgres "<connection string>"] [-- --postgres-only]
// Without --postgres a temporary PostgreSQL cluster is started (initdb + pg_ctl), as the tests do. With --postgres
// the given database is used for the current store and a database named <its name>_legacy is created beside it.
using System.Globalization;
using Baton.Journal;
using Baton.Storage.Benchmarks;
using Baton.Storage.Benchmarks.Legacy;
using Baton.Storage.Postgres;
using Baton.Storage.Postgres.Tests;
using Baton.Storage.Sqlite;

var quick = args.Contains("--quick");
var postgresOnly = args.Contains("--postgres-only");
var pgIndex = Array.IndexOf(args, "--postgres");
var oneRunEvents = quick ? 300 : 2000;
var (runs, eventsPerRun) = quick ? (1000, 3) : (1000, 10);
var (latencyRuns, latencySteps) = quick ? (10, 10) : (30, 10);
var rounds = quick ? 1 : 3;
var rows = new List<string[]>();

var directory = Directory.CreateTempSubdirectory("baton-bench-");
TemporaryPostgresServer? server = null;
try
{
    // Baseline: the in-memory store, so the latency table shows what durability adds.
    var baseline = await StoreBenchmarks.StepLatenciesAsync(new InMemoryRunStore(), latencyRuns, latencySteps);
    var baseP50 = StoreBenchmarks.Percentile(baseline, 50);
    var baseP99 = StoreBenchmarks.Percentile(baseline, 99);
    rows.Add(["in-memory (baseline)", "-", "-", F(baseP50), F(baseP99), "-", "-"]);

    Console.Error.WriteLine($"load average at start: {LoadAverage()}");
    if (!postgresOnly)
    {
        await using var sqlite = new SqliteRunStore(Path.Combine(directory.FullName, "bench.db"));
        rows.Add(await MeasureAsync("SQLite (WAL, synchronous=FULL)", sqlite));
    }

    string? connectionString = pgIndex >= 0 ? args[pgIndex + 1] : null;
    string? legacyConnectionString = null;
    if (connectionString is null && TemporaryPostgresServer.FindBinaries() is { } bin)
    {
        server = await TemporaryPostgresServer.StartAsync(bin);
        connectionString = await server.CreateDatabaseAsync("baton_bench");
        legacyConnectionString = await server.CreateDatabaseAsync("baton_bench_legacy");
    }
    else if (connectionString is not null)
    {
        legacyConnectionString = await CreateDatabaseBesideAsync(connectionString, "_legacy");
    }

    if (connectionString is not null)
    {
        // Each store in its own database (their tables differ). The machine's load drifts over minutes, so the two are
        // measured in alternating rounds (previous first, then current first, ...) and each figure is the median.
        await using var legacy = new LegacyPostgresRunStore(legacyConnectionString!);
        await using var postgres = new PostgresRunStore(connectionString);
        var previous = new List<double[]>();
        var current = new List<double[]>();
        for (var round = 0; round < rounds; round++)
        {
            Console.Error.WriteLine($"round {round + 1} of {rounds}, load average {LoadAverage()}");
            if (round % 2 == 0)
            {
                previous.Add(await MeasureRawAsync("PostgreSQL, previous", legacy));
                current.Add(await MeasureRawAsync("PostgreSQL, current", postgres));
            }
            else
            {
                current.Add(await MeasureRawAsync("PostgreSQL, current", postgres));
                previous.Add(await MeasureRawAsync("PostgreSQL, previous", legacy));
            }
        }

        rows.Add(Row("PostgreSQL, previous (one transaction per append)", Medians(previous)));
        rows.Add(Row("PostgreSQL, current (grouped appends)", Medians(current)));
    }
    else
    {
        Console.Error.WriteLine(TemporaryPostgresServer.InstallHint);
    }

    Console.Error.WriteLine($"load average at end: {LoadAverage()}");
    Console.WriteLine($"| store | events/s, 1 run ({oneRunEvents} appends) | events/s, {runs:N0} concurrent runs ({eventsPerRun} each) | step p50 ms | step p99 ms | added p50 ms | added p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var row in rows)
    {
        Console.WriteLine("| " + string.Join(" | ", row) + " |");
    }

    async Task<string[]> MeasureAsync(string name, IRunStore store) => Row(name, await MeasureRawAsync(name, store));

    async Task<double[]> MeasureRawAsync(string name, IRunStore store)
    {
        Console.Error.WriteLine($"measuring {name} ...");
        var one = await StoreBenchmarks.OneRunAsync(store, oneRunEvents);
        var many = await StoreBenchmarks.ConcurrentRunsAsync(store, runs, eventsPerRun);
        var steps = await StoreBenchmarks.StepLatenciesAsync(store, latencyRuns, latencySteps);
        var measured = new[] { one, many, StoreBenchmarks.Percentile(steps, 50), StoreBenchmarks.Percentile(steps, 99) };
        Console.Error.WriteLine($"  {name}: {F(one, "N0")} events/s one run, {F(many, "N0")} events/s concurrent, step p50 {F(measured[2])} ms, p99 {F(measured[3])} ms");
        return measured;
    }

    string[] Row(string name, double[] m) => [name, F(m[0], "N0"), F(m[1], "N0"), F(m[2]), F(m[3]), F(m[2] - baseP50), F(m[3] - baseP99)];
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }

    directory.Delete(recursive: true);
}

static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

static double[] Medians(List<double[]> rounds) =>
    [.. Enumerable.Range(0, rounds[0].Length).Select(i => rounds.Select(r => r[i]).Order().ElementAt(rounds.Count / 2))];

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static async Task<string> CreateDatabaseBesideAsync(string connectionString, string suffix)
{
    var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
    var name = builder.Database + suffix;
    await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
    {
        await connection.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", connection);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    builder.Database = name;
    return builder.ConnectionString;
}
