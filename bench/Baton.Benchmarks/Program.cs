using Baton.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--alloc-profile")
{
    return await AllocationProfile.RunAsync(args.Length > 1 ? args[1] : "baton");
}

if (args.Length > 0 && args[0] == "--loop")
{
    // For an external profiler (dotnet-trace): just run one side many times.
    var benchmarks = new SequentialRunBenchmarks();
    benchmarks.Setup();
    Func<Task<string>> run = args.Length > 1 && args[1] == "af" ? benchmarks.AgentFrameworkRun : benchmarks.BatonRun;
    var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
    for (var i = 0; i < count; i++)
    {
        await run().ConfigureAwait(false);
    }

    return 0;
}

// BenchmarkDotNet builds a copy of this project per job; on a busy shared machine that takes longer than its
// default two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(SequentialRunBenchmarks).Assembly).Run(args, config);
return 0;
