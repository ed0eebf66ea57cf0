using Baton.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--alloc-profile")
{
    return await AllocationProfile.RunAsync(args.Length > 1 ? args[1] : "baton");
}

BenchmarkSwitcher.FromAssembly(typeof(SequentialRunBenchmarks).Assembly).Run(args);
return 0;
