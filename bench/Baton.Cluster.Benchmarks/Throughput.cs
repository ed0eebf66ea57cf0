using System.Diagnostics;
using System.Globalization;

namespace Baton.Cluster.Benchmarks;

/// <summary>Runs a number of runs a few at a time and reports runs/s and end-to-end latency.</summary>
internal static class Throughput
{
    public static async Task<Measurement> MeasureAsync(int runs, int concurrency, Func<int, Task<RunStatus>> run)
    {
        var latencies = new double[runs];
        var completed = 0;
        using var gate = new SemaphoreSlim(concurrency);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, runs).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var started = Stopwatch.GetTimestamp();
                var status = await run(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (status == RunStatus.Completed)
                {
                    Interlocked.Increment(ref completed);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return new Measurement(runs / total.Elapsed.TotalSeconds, Percentile(latencies, 50), Percentile(latencies, 99), completed, runs);
    }

    public static double Parse(string row) => double.Parse(row.Split('|')[2].Trim(), CultureInfo.InvariantCulture);

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public sealed record Measurement(double RunsPerSecond, double P50, double P99, int Completed, int Runs)
    {
        public string Row(string name, double? baseline) => string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {RunsPerSecond:F1} | {(baseline is { } b ? $"{RunsPerSecond / b:F2}x" : "1.00x")} | {P50:F0} | {P99:F0} | {Completed}/{Runs} |");
    }
}
