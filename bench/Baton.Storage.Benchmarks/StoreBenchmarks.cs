using System.Diagnostics;
using Baton.Agents;
using Baton.Context;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;

namespace Baton.Storage.Benchmarks;

/// <summary>The three measurements: one run's append rate, many runs' append rate, and the time a handoff step gains.</summary>
internal static class StoreBenchmarks
{
    /// <summary>Appends <paramref name="events"/> events to one run, one durable append each; returns events per second.</summary>
    public static async Task<double> OneRunAsync(IRunStore store, int events)
    {
        var runId = $"one-{Guid.NewGuid():N}";
        await store.AppendAsync(runId, 0, [Started(runId)]);
        var watch = Stopwatch.StartNew();
        for (var seq = 1; seq <= events; seq++)
        {
            await store.AppendAsync(runId, seq, [Handoff(runId, seq)]);
        }

        return events / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="runs"/> runs at once, each appending <paramref name="eventsPerRun"/> events one by one; returns events per second.</summary>
    public static async Task<double> ConcurrentRunsAsync(IRunStore store, int runs, int eventsPerRun)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, runs).Select(i => Task.Run(async () =>
        {
            var runId = $"many-{prefix}-{i}";
            await store.AppendAsync(runId, 0, [Started(runId)]);
            for (var seq = 1; seq < eventsPerRun; seq++)
            {
                await store.AppendAsync(runId, seq, [Handoff(runId, seq)]);
            }
        })));
        return runs * eventsPerRun / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs a pipeline of <paramref name="steps"/> agents (instant scripted model) <paramref name="runs"/> times; returns each step's duration in ms.</summary>
    public static async Task<List<double>> StepLatenciesAsync(IRunStore store, int runs, int steps)
    {
        var client = new ScriptedChatClient(request => $"answer {request.Index}");
        var pipeline = Pipeline.Sequential(
            "bench",
            [.. Enumerable.Range(1, steps).Select(i => (Orchestration.Orchestration)new Agent($"agent{i}", client) { Instructions = $"You are agent {i}." })]);
        var observer = new StepTimer();
        var options = new HandoffRunnerOptions { Store = store, Limits = RunLimits.Default with { MaxSteps = steps + 1 } };
        options.Observers.Add(observer);
        var runner = new HandoffRunner(options);
        for (var r = 0; r < runs; r++)
        {
            var result = await runner.RunAsync(pipeline, HandoffContext.Create("Benchmark the journal."));
            if (result.Status != RunStatus.Completed)
            {
                throw new InvalidOperationException($"Benchmark run ended {result.Status}: {result.Reason}");
            }
        }

        return observer.StepMilliseconds;
    }

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static RunStarted Started(string runId) => new()
    {
        RunId = runId,
        Timestamp = DateTimeOffset.UtcNow,
        Orchestration = "bench",
        Task = "benchmark",
        Intent = "benchmark",
        Limits = RunLimits.Default,
    };

    private static HandoffRecorded Handoff(string runId, long seq) => new()
    {
        RunId = runId,
        Sequence = seq,
        Timestamp = DateTimeOffset.UtcNow,
        Step = (int)seq,
        Agent = "agent",
        To = "agent",
        Outputs = ["notes", "draft"],
        Note = "A handoff note of typical length: carry the draft forward and keep the constraints.",
    };

    /// <summary>Times each step: from its handoff event to its recorded output.</summary>
    private sealed class StepTimer : IRunObserver
    {
        private long _stepStarted;

        public List<double> StepMilliseconds { get; } = [];

        public void OnEvent(RunState state, JournalEvent journalEvent)
        {
            switch (journalEvent)
            {
                case RunStarted:
                case OutputRecorded:
                    if (journalEvent is OutputRecorded)
                    {
                        StepMilliseconds.Add(Stopwatch.GetElapsedTime(_stepStarted).TotalMilliseconds);
                    }

                    _stepStarted = Stopwatch.GetTimestamp();
                    break;
                default:
                    break;
            }
        }
    }
}
