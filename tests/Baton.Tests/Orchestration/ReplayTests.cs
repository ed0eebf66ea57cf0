using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Tests.Orchestration.Supervisor;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Orchestration;

/// <summary><see cref="HandoffRunner.ReplayAsync(Baton.Orchestration.Orchestration, IReadOnlyList{JournalEvent}, CancellationToken)"/>: re-execution without a model.</summary>
public class ReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplayAsync_CompletedRun_MatchesWithoutCallingAModel()
    {
        var (chain, _) = TestAgents.Chain("a", "b", "c");
        var runner = new HandoffRunner();
        var recorded = await runner.RunAsync(chain, "task", Ct);
        var offline = Chain(Refusing(), "a", "b", "c");

        var replay = await runner.ReplayAsync(offline, recorded.RunId, Ct);

        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.Completed, replay.Status);
        Assert.Equal(recorded.FinalText, replay.Replayed!.FinalText);
        Assert.Equal(recorded.Journal.Count, (await runner.Store.ReadAsync(recorded.RunId, Ct)).Count);
    }

    [Fact]
    public async Task ReplayAsync_RunThatHitItsDeadlineDuringACall_ReplaysAsDeadlineExceeded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var client = new ScriptedChatClient((_, ct) =>
        {
            time.Advance(TimeSpan.FromMinutes(2));
            ct.ThrowIfCancellationRequested();
            return System.Threading.Tasks.Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "too late")));
        });
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time, Limits = new() { Deadline = TimeSpan.FromMinutes(1) } });
        var recorded = await runner.RunAsync(Chain(client, "a", "b"), "task", Ct);

        var replay = await runner.ReplayAsync(Chain(Refusing(), "a", "b"), recorded.Journal, Ct);

        Assert.Equal(RunStatus.DeadlineExceeded, recorded.Status);
        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.DeadlineExceeded, replay.Status);
    }

    [Fact]
    public async Task ReplayAsync_CancelledRun_ReplaysAsCancelled()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var client = new ScriptedChatClient("first").Then((_, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return System.Threading.Tasks.Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "never")));
        });
        var runner = new HandoffRunner();
        var recorded = await runner.RunAsync(Chain(client, "a", "b"), "task", cts.Token);

        var replay = await runner.ReplayAsync(Chain(Refusing(), "a", "b"), recorded.Journal, Ct);

        Assert.Equal(RunStatus.Cancelled, recorded.Status);
        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.Cancelled, replay.Status);
    }

    [Fact]
    public async Task ReplayAsync_SupervisorRun_Matches()
    {
        var client = SupportDesk.Scripted(("dispatcher", [SupportDesk.Route("billing"), SupportDesk.Route("tech"), SupportDesk.Route("DONE")]), ("billing", ["refunded"]), ("tech", ["reset"]));
        var runner = new HandoffRunner();
        var recorded = await runner.RunAsync(SupportDesk.Create(client), SupportDesk.Task, Ct);

        var replay = await runner.ReplayAsync(SupportDesk.Create(Refusing()), recorded.Journal, Ct);

        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.Completed, replay.Status);
    }

    [Fact]
    public async Task ReplayAsync_PromptChanged_DivergesNamingTheChange()
    {
        var (chain, _) = TestAgents.Chain("a", "b");
        var runner = new HandoffRunner();
        var recorded = await runner.RunAsync(chain, "task", Ct);
        var changed = Pipeline.Sequential("chain", new Agent("a", Refusing()) { Instructions = "You are a." }, new Agent("b", Refusing()) { Instructions = "You are someone else." });

        var replay = await runner.ReplayAsync(changed, recorded.Journal, Ct);

        Assert.False(replay.Matched);
        Assert.Contains("The prompt for agent b changed at step 2", replay.Divergence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_OrchestrationDoesLessThanRecorded_Diverges()
    {
        var (chain, _) = TestAgents.Chain("a", "b");
        var runner = new HandoffRunner();
        var recorded = await runner.RunAsync(chain, "task", Ct);

        var replay = await runner.ReplayAsync(Chain(Refusing(), "a"), recorded.Journal, Ct);

        Assert.False(replay.Matched);
        Assert.Contains("the journal holds more", replay.Divergence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_OrchestrationDoesMoreThanRecorded_Diverges()
    {
        var (chain, _) = TestAgents.Chain("a");
        var runner = new HandoffRunner();
        var recorded = await runner.RunAsync(chain, "task", Ct);

        var replay = await runner.ReplayAsync(Chain(Refusing(), "a", "b"), recorded.Journal, Ct);

        Assert.False(replay.Matched);
        Assert.Contains("needs more than the journal holds", replay.Divergence, StringComparison.Ordinal);
    }

    private static SequentialPipeline Chain(IChatClient client, params string[] names) =>
        Pipeline.Sequential("chain", [.. names.Select(n => (Baton.Orchestration.Orchestration)new Agent(n, client) { Instructions = $"You are {n}." })]);

    private static ScriptedChatClient Refusing() =>
        new((_, _) => throw new InvalidOperationException("A replay must not call a model."));
}
