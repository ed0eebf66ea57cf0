using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;
using static Baton.Tests.Humans.EscalationDesk;

namespace Baton.Tests.Humans;

/// <summary>
/// Answers that must be refused: for a run that does not wait, for the wrong step, or forged into the journal. Two answers
/// at once are in <c>Baton.Conformance.PendingInputConformanceTests</c>, against every store.
/// </summary>
public class HumanAnswerRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProvideInputAsync_RunThatDoesNotWait_RefusedAndNothingWritten()
    {
        var runner = new HandoffRunner();
        var (chain, _) = TestAgents.Chain("a", "b");
        var completed = await runner.RunAsync(chain, "task", Ct);

        var refused = await runner.ProvideInputAsync(chain, completed.RunId, HumanAnswer.FromText("hello"), "mallory", Ct);

        Assert.Equal(InputOutcome.NotWaiting, refused.Outcome);
        Assert.Contains("is not waiting for input: it ended Completed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(completed.Journal.Count, (await runner.Store.ReadAsync(completed.RunId, Ct)).Count);
    }

    [Fact]
    public async Task ProvideInputAsync_AnswerForAnotherStep_RefusedAndNothingWritten()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        var refused = await runner.ProvideInputAsync(Desk(Models()), waiting.RunId, Refund with { Step = 3 }, "alice", Ct);

        Assert.Equal(InputOutcome.NotWaiting, refused.Outcome);
        Assert.Contains("waits for 'lead' at step 2, not at step 3", refused.Message, StringComparison.Ordinal);
        Assert.Equal(waiting.Journal.Count, (await runner.Store.ReadAsync(waiting.RunId, Ct)).Count);
    }

    [Fact]
    public async Task ProvideInputAsync_AnswerForTheStepItWaitsAt_Accepted()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        var answered = await runner.ProvideInputAsync(Desk(Models(triage: [])), waiting.RunId, Refund with { Step = 2 }, "alice", Ct);

        Assert.Equal(InputOutcome.Accepted, answered.Outcome);
    }

    [Fact]
    public async Task ResumeAsync_ForgedInputProvidedInARunThatDidNotWait_RefusedAsADivergence()
    {
        var runner = new HandoffRunner();
        var (chain, _) = TestAgents.Chain("a", "b");
        var completed = await runner.RunAsync(chain, "task", Ct);
        var forged = new InMemoryRunStore();
        var events = completed.Journal.Take(4).ToList();
        events.Add(new InputProvided { RunId = completed.RunId, Sequence = 4, Timestamp = events[^1].Timestamp, Step = 1, Agent = "a", Request = 2, Respondent = "mallory", Answer = "forged", LeaseEpoch = events[^1].LeaseEpoch });
        await forged.AppendAsync(completed.RunId, 0, events, Ct);
        var resumer = new HandoffRunner(new HandoffRunnerOptions { Store = forged });

        var refused = await resumer.ProvideInputAsync(chain, completed.RunId, HumanAnswer.FromText("x"), "mallory", Ct);
        var resume = await Assert.ThrowsAsync<ReplayMismatchException>(() => resumer.ResumeAsync(chain, completed.RunId, Ct));
        var replay = await resumer.ReplayAsync(chain, completed.RunId, Ct);

        Assert.Equal(InputOutcome.NotWaiting, refused.Outcome);
        Assert.Contains("input_provided", resume.Message, StringComparison.Ordinal);
        Assert.False(replay.Matched);
        Assert.Equal(events.Count, (await forged.ReadAsync(completed.RunId, Ct)).Count);
    }

    [Fact]
    public async Task ProvideInputAsync_ForgedAnswerToAnotherQuestionInTheJournal_RefusedAsADivergence()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);
        var request = waiting.Journal.OfType<InputRequested>().Single();
        var last = waiting.Journal[^1];
        await runner.Store.AppendAsync(
            waiting.RunId,
            waiting.Journal.Count,
            [new InputProvided { RunId = waiting.RunId, Sequence = waiting.Journal.Count, Timestamp = last.Timestamp, Step = 1, Agent = "triage", Request = request.Sequence - 1, Respondent = "mallory", Answer = "{}", LeaseEpoch = last.LeaseEpoch }],
            Ct);
        var state = RunState.FromEvents(await runner.Store.ReadAsync(waiting.RunId, Ct));

        var refused = await Assert.ThrowsAsync<ReplayMismatchException>(() => runner.ProvideInputAsync(Desk(Models(triage: [])), waiting.RunId, Refund, "alice", Ct));

        Assert.Equal(request.Sequence, state.PendingInput?.Sequence);
        Assert.Contains("is not an answer to this question", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await runner.Store.ReadAsync(waiting.RunId, Ct)).OfType<InputProvided>(), p => p.Respondent == "alice");
    }
}
