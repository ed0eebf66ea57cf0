using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Testing.Tests;

/// <summary>
/// A run recorded by journal schema version 1 (Recordings/v1-sequential-run.jsonl, frozen) still loads, replays and
/// resumes under the current version; a resume takes the run's first lease.
/// </summary>
public sealed class JournalSchemaMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Read_FrozenV1Recording_HasNoLeaseAndFoldsToItsResult()
    {
        var recording = JournalFile.Read(RecordedPipeline.V1RecordingPath);

        var state = RunState.FromEvents(recording);

        Assert.Equal(RunStatus.Completed, state.Status);
        Assert.Null(state.Lease);
        Assert.Null(state.SpecPath);
        Assert.All(recording, e => Assert.Equal(0, e.LeaseEpoch));
    }

    [Fact]
    public async Task RunAsync_FrozenV1Recording_StillAnswersEveryCall()
    {
        var recording = await JournalFile.ReadAsync(RecordedPipeline.V1RecordingPath, Ct);
        var replaying = new ReplayingChatClient(recording);

        var result = await RecordedPipeline.Runner(out _).RunAsync(
            RecordedPipeline.Build(replaying), RecordedPipeline.Context, new RunOptions { RunId = RecordedPipeline.RunId }, Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(0, replaying.RemainingCalls);
        Assert.Equal(RunResult.FromJournal(recording).FinalText, result.FinalText);
    }

    [Fact]
    public async Task ResumeAsync_InterruptedV1Run_TakesTheFirstLeaseAndCompletes()
    {
        var recording = await JournalFile.ReadAsync(RecordedPipeline.V1RecordingPath, Ct);
        var cut = recording.First(e => e is AgentCalled { Step: 3 }).Sequence;
        var store = new InMemoryRunStore();
        await store.AppendAsync(RecordedPipeline.RunId, 0, [.. recording.Where(e => e.Sequence <= cut)], Ct);
        var runner = new HandoffRunner(new HandoffRunnerOptions { Store = store, WorkerId = "new-version" });

        var result = await runner.ResumeAsync(RecordedPipeline.Build(new ReplayingChatClient(recording)), RecordedPipeline.RunId, Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var resumed = Assert.Single(result.Journal.OfType<RunResumed>());
        Assert.Equal((1L, "new-version", true), (resumed.LeaseEpoch, resumed.LeaseOwner, resumed.ResendsInFlightCall));
        Assert.All(result.Journal.Where(e => e.Sequence > cut), e => Assert.Equal(1, e.LeaseEpoch));
        Assert.Equal(new RunLease(1, "new-version", resumed.Timestamp), Assert.Single(await store.ListRunsAsync(5, Ct)).Lease);
    }
}
