using System.Diagnostics.Tracing;

namespace Baton.Benchmarks;

/// <summary>
/// Finds where a benchmark allocates: runs it many times under an in-process listener for the runtime's sampled
/// allocation events (one per ~100 KB allocated) and prints the allocated bytes per run by type.
/// </summary>
/// <remarks>Run with <c>-- --alloc-profile [baton|af]</c>. Sampling makes small types approximate; totals are exact.</remarks>
internal sealed class AllocationProfile : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private bool _enabled;

    public static async Task<int> RunAsync(string side)
    {
        var benchmarks = new SequentialRunBenchmarks();
        benchmarks.Setup();
        Func<Task<string>> run = side == "af" ? benchmarks.AgentFrameworkRun : benchmarks.BatonRun;
        for (var i = 0; i < 2_000; i++)
        {
            await run().ConfigureAwait(false);
        }

        // Time first, without the listener (it slows allocation down); CPU time is less disturbed by a busy machine.
        var runs = side == "af" ? 5_000 : 50_000;
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            await run().ConfigureAwait(false);
        }

        var wall = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine($"{side}: {wall.TotalMicroseconds / runs:F1} us wall, {cpu.TotalMicroseconds / runs:F1} us CPU (all threads) per run");

        using var listener = new AllocationProfile();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            await run().ConfigureAwait(false);
        }

        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        listener._enabled = false;
                Console.WriteLine($"{side}: {total / (double)runs:F0} bytes allocated per run (exact); by type (sampled):");
        lock (listener._bytesByType)
        {
            foreach (var (type, bytes) in listener._bytesByType.OrderByDescending(kv => kv.Value).Take(60))
            {
                Console.WriteLine($"{bytes / (double)runs,10:F0}  {type}");
            }
        }

        return 0;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            _enabled = true;
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_enabled || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames!.IndexOf("TypeName");
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytesByType)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
