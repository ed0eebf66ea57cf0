using System.Runtime.CompilerServices;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Conformance;

/// <summary>Leases through the runner: resumes take the next epoch, and exactly one execution of a run goes on.</summary>
public abstract partial class RunStoreConformanceTests
{
    private static readonly string[] s_agents = ["planner", "writer", "editor"];

    [Fact]
    public async Task ResumeAsync_TwoResumersRaceFromTheSameJournal_ExactlyOneContinues()
    {
        var store = await NewStoreAsync();
        var runId = await SeedInterruptedRunAsync(store);
        var arrived = new StrongBox<int>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = new[] { new GatedChatClient(), new GatedChatClient() };

        var resumes = Enumerable.Range(0, 2).Select(i => Task.Run<(RunResult? Result, Exception? Error)>(async () =>
        {
            var runner = new HandoffRunner(new HandoffRunnerOptions { Store = new BarrierRunStore(store, 2, arrived, allArrived), WorkerId = $"resumer-{i}" });
            try
            {
                return (await runner.ResumeAsync(BuildPipeline(clients[i]), runId, Ct), null);
            }
            catch (JournalConcurrencyException ex)
            {
                return (null, ex);
            }
        }, Ct)).ToArray();
        var outcomes = await Task.WhenAll(resumes);

        var winner = Assert.Single(outcomes, o => o.Result is not null);
        Assert.Equal(RunStatus.Completed, winner.Result!.Status);
        Assert.IsType<LeaseLostException>(Assert.Single(outcomes, o => o.Error is not null).Error);
        var events = await store.ReadAsync(runId, Ct);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var resumed = Assert.Single(events.OfType<RunResumed>());
        Assert.Equal(2, resumed.LeaseEpoch);
        Assert.All(events.Skip((int)resumed.Sequence), e => Assert.Equal(2, e.LeaseEpoch));
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(events).Status);
        // The loser lost the lease before any model call; the winner sent the two calls left.
        Assert.Equal([0, s_agents.Length - 1], clients.Select(c => c.Calls).Order());
    }

    [Fact]
    public async Task ResumeAsync_OldOwnerWakesAfterTheRunMovedOn_IsFencedAndTheRunCompletesOnce()
    {
        var store = await NewStoreAsync();
        var runId = NewRunIdForRunner();
        var paused = new GatedChatClient(gatedAgent: "writer");
        var owner = new HandoffRunner(new HandoffRunnerOptions { Store = store, WorkerId = "worker-a" });
        var first = Task.Run(() => owner.RunAsync(BuildPipeline(paused), HandoffContext.Create("Write it."), new RunOptions { RunId = runId }, Ct), Ct);
        await paused.Entered.WaitAsync(Ct);

        // worker-a is stuck inside the writer's call (paused, partitioned): worker-b takes the run over.
        var takeover = new HandoffRunner(new HandoffRunnerOptions { Store = await ReopenStoreAsync(store), WorkerId = "worker-b" });
        var resumed = await takeover.ResumeAsync(BuildPipeline(new GatedChatClient()), runId, Ct);
        paused.Release();

        Assert.Equal(RunStatus.Completed, resumed.Status);
        var lost = await Assert.ThrowsAsync<LeaseLostException>(() => first);
        Assert.Equal(("worker-b", 2L), (lost.CurrentLease!.Owner, lost.CurrentLease.Epoch));
        var events = await store.ReadAsync(runId, Ct);
        Assert.Single(events.OfType<RunEnded>());
        Assert.True(Assert.Single(events.OfType<RunResumed>()).ResendsInFlightCall);
        Assert.Equal(("worker-b", 2L), (RunState.FromEvents(events).Lease!.Owner, RunState.FromEvents(events).Lease!.Epoch));
    }

    private static SequentialPipeline BuildPipeline(IChatClient client) =>
        Pipeline.Sequential("lease-race", [.. s_agents.Select(a => (Baton.Orchestration.Orchestration)new Agent(a, client) { Instructions = $"You are {a}." })]);

    private static string NewRunIdForRunner() => JournalSamples.NewRunId("lease");

    /// <summary>Runs the pipeline in memory and copies its journal up to the second agent's handoff into the store: a run interrupted after step 1.</summary>
    private static async Task<string> SeedInterruptedRunAsync(IRunStore store)
    {
        var runId = NewRunIdForRunner();
        var memory = new HandoffRunner(new HandoffRunnerOptions { WorkerId = "worker-a" });
        var full = await memory.RunAsync(BuildPipeline(new GatedChatClient()), HandoffContext.Create("Write it."), new RunOptions { RunId = runId }, Ct);
        var cut = full.Journal.First(e => e is HandoffRecorded { Step: 2 }).Sequence;
        await store.AppendAsync(runId, 0, [.. full.Journal.Where(e => e.Sequence < cut)], Ct);
        return runId;
    }
}
