using Baton.Agents;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.Time.Testing;
using static Baton.Tests.Humans.EscalationDesk;

namespace Baton.Tests.Humans;

/// <summary>A wait's due time on a fake clock: whoever notices it (an answer, a resume, the sweep), the step's fallback applies, journaled.</summary>
public class HumanTimeoutTests
{
    private const string FixedResolution = """{"action":"escalate_legal","refund":0}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Fallback Fixed => Fallback.FixedAnswer(System.Text.Json.JsonDocument.Parse(FixedResolution).RootElement);

    [Fact]
    public async Task ResumeAsync_WaitPastItsDueTime_JournalsTheTimeoutAndTheFixedFallbackCompletesTheRun()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var waiting = await runner.RunAsync(Desk(Models(), Lead(Fixed)), Brief, cancellationToken: Ct);
        time.Advance(LeadTimeout + TimeSpan.FromSeconds(1));

        var resumed = await runner.ResumeAsync(Desk(Models(triage: []), Lead(Fixed)), waiting.RunId, Ct);

        Assert.Equal(RunStatus.Completed, resumed.Status);
        var timedOut = Assert.Single(resumed.Journal.OfType<InputTimedOut>());
        Assert.Equal((Start + LeadTimeout, "fixed_answer"), (timedOut.DueAt, timedOut.Fallback));
        var fallback = Assert.Single(resumed.Journal.OfType<FallbackUsed>());
        Assert.Contains("Nobody answered 'lead' (step 2)", fallback.Reason, StringComparison.Ordinal);
        Assert.Equal(OutputVia.FixedAnswer, resumed.Context.Outputs["resolution"].Via);
        Assert.Empty(resumed.Journal.OfType<InputProvided>());
    }

    [Fact]
    public async Task ResumeAsync_WaitExactlyAtItsDueTime_TimesOut()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var waiting = await runner.RunAsync(Desk(Models(), Lead(Fixed)), Brief, cancellationToken: Ct);
        time.Advance(LeadTimeout - TimeSpan.FromTicks(1));
        var early = await runner.ResumeAsync(Desk(Models(triage: [], writer: []), Lead(Fixed)), waiting.RunId, Ct);
        time.Advance(TimeSpan.FromTicks(1));

        var due = await runner.ResumeAsync(Desk(Models(triage: []), Lead(Fixed)), waiting.RunId, Ct);

        Assert.Equal(RunStatus.AwaitingInput, early.Status);
        Assert.Equal(RunStatus.Completed, due.Status);
    }

    [Fact]
    public async Task ProvideInputAsync_AfterTheDueTime_IsExpiredAndTheFallbackApplies()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var waiting = await runner.RunAsync(Desk(Models(), Lead(Fixed)), Brief, cancellationToken: Ct);
        time.Advance(TimeSpan.FromHours(5));

        var late = await runner.ProvideInputAsync(Desk(Models(triage: []), Lead(Fixed)), waiting.RunId, Refund, "alice", Ct);

        Assert.Equal(InputOutcome.Expired, late.Outcome);
        Assert.Contains("was due at 2026-03-02 13:00:00 UTC", late.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Completed, late.Run.Status);
        Assert.Empty(late.Run.Journal.OfType<InputProvided>());
        Assert.Single(late.Run.Journal.OfType<InputTimedOut>());
    }

    [Fact]
    public async Task ApplyExpiredWaitsAsync_OverdueRun_FallbackAgentAnswersInThePersonsPlace()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var models = Models(writer: ["We refunded the duplicate charge."]);
        var backup = new Agent("backup", new ScriptedChatClient(FixedResolution));
        var waiting = await runner.RunAsync(Desk(models, Lead(Fallback.ToAgent(backup))), Brief, cancellationToken: Ct);
        var notDue = await runner.ApplyExpiredWaitsAsync(_ => Desk(models, Lead(Fallback.ToAgent(backup))), Ct);
        time.Advance(TimeSpan.FromDays(1));

        var swept = await runner.ApplyExpiredWaitsAsync(p => p.Orchestration == "desk" ? Desk(models, Lead(Fallback.ToAgent(backup))) : null, Ct);

        Assert.Empty(notDue);
        var run = Assert.Single(swept);
        Assert.Equal(waiting.RunId, run.RunId);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(OutputVia.FallbackAgent("backup"), run.Context.Outputs["resolution"].Via);
        Assert.Equal("agent:backup", Assert.Single(run.Journal.OfType<InputTimedOut>()).Fallback);
        Assert.Empty(await runner.ListPendingAsync(Ct));
    }

    [Fact]
    public async Task ResumeAsync_TimeoutWithoutAFallback_FailsTheRunSayingNobodyAnswered()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);
        time.Advance(TimeSpan.FromHours(4));

        var resumed = await runner.ResumeAsync(Desk(Models(triage: [], writer: [])), waiting.RunId, Ct);

        Assert.Equal(RunStatus.Failed, resumed.Status);
        Assert.Contains("Nobody answered 'lead' (step 2) by 2026-03-02 13:00:00 UTC", resumed.Reason, StringComparison.Ordinal);
        Assert.Equal("fail", Assert.Single(resumed.Journal.OfType<InputTimedOut>()).Fallback);
    }

    [Fact]
    public async Task ReplayAsync_TimedOutRun_ReproducesTheTimeoutWithoutReadingTheClock()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var waiting = await runner.RunAsync(Desk(Models(), Lead(Fixed)), Brief, cancellationToken: Ct);
        time.Advance(TimeSpan.FromHours(5));
        await runner.ResumeAsync(Desk(Models(triage: []), Lead(Fixed)), waiting.RunId, Ct);

        var replayer = new HandoffRunner(new HandoffRunnerOptions { Store = runner.Store, TimeProvider = new FakeTimeProvider(Start) });
        var replay = await replayer.ReplayAsync(Desk(Models(triage: [], writer: []), Lead(Fixed)), waiting.RunId, Ct);

        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.Completed, replay.Status);
    }

    [Fact]
    public async Task ListPendingAsync_WaitingRuns_MostUrgentFirstWithOverdueMarked()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var slow = await runner.RunAsync(Desk(Models(), Lead(timeout: TimeSpan.FromHours(8))), Brief, cancellationToken: Ct);
        var fast = await runner.RunAsync(Desk(Models(), Lead(timeout: TimeSpan.FromHours(1))), Brief, cancellationToken: Ct);
        await runner.RunAsync(Baton.Orchestration.Pipeline.Sequential("other", new Agent("solo", new ScriptedChatClient("done"))), "task", Ct);
        time.Advance(TimeSpan.FromHours(2));

        var pending = await runner.ListPendingAsync(Ct);

        Assert.Equal([fast.RunId, slow.RunId], pending.Select(p => p.RunId));
        Assert.Equal([true, false], pending.Select(p => p.IsOverdue));
        Assert.Equal(("lead", "support-leads", 2, Start), (pending[0].Agent, pending[0].Assignee, pending[0].Step, pending[0].RequestedAt));
        Assert.Equal(Start + TimeSpan.FromHours(1), pending[0].DueAt);
    }
}
