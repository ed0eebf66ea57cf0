using Baton.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--alloc-profile")
{
    return await AllocationProfile.RunAsync(args.Length > 1 ? args[1] : "baton");
}

// BenchmarkDotNet builds a copy of this project per job; on a busy shared machine that takes longer than its
// default two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(SequentialRunBenchmarks).Assembly).Run(args, config);
return 0;
