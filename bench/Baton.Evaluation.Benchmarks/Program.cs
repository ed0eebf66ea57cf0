// Evaluation benchmark: 1,000 cases over the instant fake model with the SQLite store, at concurrency 1, 8 and 64.
// For each concurrency it measures, in the same process and on fresh store files:
//   baseline  the same 1,000 runs through HandoffRunner.RunAsync alone, with the same concurrency (Parallel.ForEachAsync);
//   eval      EvalRunner.RunAsync over 1,000 cases (each with status, contains, not_contains, regex, max_tokens and max_steps).
// cases/s = 1,000 / eval wall time; the runner's own overhead per case = (eval - baseline) / 1,000, in wall and CPU time.
// Each pair runs --rounds times (default 3), alternating which goes first; the medians are reported.
// With --memory the in-memory store replaces SQLite, which isolates the runner's own CPU cost from fsync waits.
// Usage: dotnet run -c Release --project bench/Baton.Evaluation.Benchmarks [-- --cases 1000 --rounds 3 --memory]
using System.Diagnostics;
using System.Globalization;
using Baton.Agents;
using Baton.Benchmarks;
using Baton.Context;
using Baton.Evaluation;
using Baton.Evaluation.Expectations;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Storage.Sqlite;

var caseCount = Option("--cases", 1000);
var inMemory = args.Contains("--memory");
var rounds = Option("--rounds", 3);
int[] concurrencies = [1, 8, 64];

var pipeline = Pipeline.Sequential(
    "article",
    new Agent("researcher", new InstantChatClient("Drought cuts wheat yields; flowering is the sensitive stage.")) { Instructions = "Research the topic.", Writes = "research" },
    new Agent("writer", new InstantChatClient("Draft: drought cuts wheat yields.")) { Instructions = "Write a draft.", Reads = ["research"], Writes = "draft" },
    new Agent("editor", new InstantChatClient("Drought cuts wheat yields, most at flowering.")) { Instructions = "Edit the draft.", Reads = ["draft"], Writes = "article" });
var cases = Enumerable.Range(1, caseCount).Select(i => new EvalCase
{
    Id = $"case-{i}",
    Task = $"How does drought affect wheat in region {i}?",
    Expectations =
    [
        new StatusExpectation("completed"), new ContainsExpectation("wheat"), new NotContainsExpectation("PWNED"),
        new RegexExpectation("(?i)drought"), new TokenCeilingExpectation(10_000), new StepCeilingExpectation(3),
    ],
}).ToList();

var folder = Directory.CreateTempSubdirectory("baton-eval-bench-");
try
{
    Console.Error.WriteLine($"load average before: {LoadAverage()}");
    await BaselineAsync(50, 8);
    await EvalAsync(50, 8);
    var rows = new List<string>();
    foreach (var concurrency in concurrencies)
    {
        var baseline = new List<(double Wall, double Cpu)>();
        var eval = new List<(double Wall, double Cpu)>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                baseline.Add(await BaselineAsync(caseCount, concurrency));
                eval.Add(await EvalAsync(caseCount, concurrency));
            }
            else
            {
                eval.Add(await EvalAsync(caseCount, concurrency));
                baseline.Add(await BaselineAsync(caseCount, concurrency));
            }

            Console.Error.WriteLine($"concurrency {concurrency}, round {round + 1}: baseline {baseline[^1].Wall:F2} s, eval {eval[^1].Wall:F2} s");
        }

        var (baseWall, baseCpu) = (Median(baseline.Select(b => b.Wall)), Median(baseline.Select(b => b.Cpu)));
        var (evalWall, evalCpu) = (Median(eval.Select(e => e.Wall)), Median(eval.Select(e => e.Cpu)));
        rows.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {concurrency} | {caseCount / evalWall:F0} | {caseCount / baseWall:F0} | {evalWall / baseWall:F2} | {(evalWall - baseWall) / caseCount * 1e6:F0} µs | {(evalCpu - baseCpu) / caseCount * 1e6:F0} µs |"));
    }

    Console.WriteLine($"{caseCount:N0} cases, 3 agents each, instant fake model, {(inMemory ? "in-memory store" : "SQLite store (fresh file per measurement)")}; medians of {rounds} rounds.");
    Console.WriteLine("| concurrency | eval cases/s | baseline runs/s | eval / baseline time | eval overhead per case (wall) | eval overhead per case (CPU) |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
    rows.ForEach(Console.WriteLine);
    Console.Error.WriteLine($"load average after: {LoadAverage()}");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}

async Task<(double Wall, double Cpu)> BaselineAsync(int count, int concurrency)
{
    await using var sqlite = inMemory ? null : new SqliteRunStore(NewStorePath());
    var runner = new HandoffRunner(new HandoffRunnerOptions { Store = sqlite ?? (IRunStore)new InMemoryRunStore() });
    return await MeasureAsync(async () =>
    {
        var completed = 0;
        await Parallel.ForEachAsync(cases.Take(count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (c, ct) =>
        {
            var result = await runner.RunAsync(pipeline, HandoffContext.Create(c.Task), null, ct);
            if (result.IsCompleted)
            {
                Interlocked.Increment(ref completed);
            }
        });
        Check(completed == count, $"baseline completed {completed} of {count} runs");
    });
}

async Task<(double Wall, double Cpu)> EvalAsync(int count, int concurrency)
{
    await using var sqlite = inMemory ? null : new SqliteRunStore(NewStorePath());
    var runner = new EvalRunner(new HandoffRunner(new HandoffRunnerOptions { Store = sqlite ?? (IRunStore)new InMemoryRunStore() }), new EvalOptions { Concurrency = concurrency });
    return await MeasureAsync(async () =>
    {
        var report = await runner.RunAsync(pipeline, cases.Take(count).ToList());
        Check(report.Summary.Passed == count, $"eval passed {report.Summary.Passed} of {count} cases");
    });
}

static async Task<(double Wall, double Cpu)> MeasureAsync(Func<Task> work)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    await work();
    watch.Stop();
    return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
}

string NewStorePath() => Path.Combine(folder.FullName, $"{Guid.NewGuid():N}.db");

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static void Check(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
