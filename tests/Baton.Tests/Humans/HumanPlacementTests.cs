using Baton.Agents;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;
using Baton.Testing;
using Baton.Tests.Orchestration.Supervisor;

namespace Baton.Tests.Humans;

/// <summary>A person wherever an agent stands: a supervisor's specialist, a review loop's reviewer (an approval gate), an agent's fallback.</summary>
public class HumanPlacementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Agent TeamLead => new("team_lead", new HumanParticipant { Question = "Resolve this escalated case; reply with the message for the customer.", Assignee = "support-leads" })
    {
        Description = "A support team lead, for cases the specialists cannot resolve.",
    };

    private static SupervisorOrchestration Desk(ScriptedChatClient client)
    {
        var dispatcher = new Agent("dispatcher", client) { Instructions = "You route support tickets to the right specialist." };
        var billing = new Agent("billing", client) { Description = "Invoices, refunds and charges." };
        return Pipeline.Supervisor("desk", dispatcher, billing, TeamLead);
    }

    [Fact]
    public async Task Supervisor_RoutesToAPerson_TheyGetItsNoteAndTheSupervisorContinuesWithTheirAnswer()
    {
        var runner = new HandoffRunner();
        var first = SupportDesk.Scripted(("dispatcher", [SupportDesk.Route("team_lead", "Customer threatens legal action; decide a goodwill gesture.")]));

        var waiting = await runner.RunAsync(Desk(first), SupportDesk.Task, Ct);
        var answered = await runner.ProvideInputAsync(
            Desk(SupportDesk.Scripted(("dispatcher", [SupportDesk.Route("DONE")]))),
            waiting.RunId,
            HumanAnswer.FromText("We refund both charges and add a month free."),
            "dana",
            Ct);

        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        var asked = Assert.Single(waiting.Journal.OfType<InputRequested>());
        Assert.Equal("Customer threatens legal action; decide a goodwill gesture.", asked.View.Note);
        Assert.Contains("team_lead", first.Requests[0].AllText, StringComparison.Ordinal);
        Assert.Contains("A support team lead", first.Requests[0].AllText, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Completed, answered.Run.Status);
        Assert.Equal("We refund both charges and add a month free.", answered.Run.FinalText);
    }

    [Fact]
    public void Supervisor_APersonAsTheSupervisor_IsRefusedAtConstruction()
    {
        var error = Assert.Throws<OrchestrationConfigurationException>(() => Pipeline.Supervisor("desk", TeamLead, new Agent("billing", new ScriptedChatClient())));

        Assert.Contains("answered by a person, but routing decisions are made by a model agent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalGate_RejectThenApprove_WriterRevisesWithTheFeedbackWithinTheRoundLimit()
    {
        var runner = new HandoffRunner();
        var writer = new ScriptedChatClient("Refund approved, sorry.", "We refunded the duplicate charge of 19.99 EUR; it reaches you in 3 days.");
        ReviewLoop Gate() => Pipeline.ReviewLoop(
            "reply",
            new Agent("writer", writer) { Instructions = "Write the reply to the customer.", Writes = "reply" },
            new Agent("approver", new HumanParticipant { Question = "Approve this reply before it is sent?" }),
            new ReviewLoopOptions { MaxRounds = 2 });

        var first = await runner.RunAsync(Gate(), "Reply to the double-charged customer.", Ct);
        var rejected = await runner.ProvideInputAsync(Gate(), first.RunId, HumanAnswer.Reject("Say the amount and when the refund arrives."), "erin", Ct);
        var approved = await runner.ProvideInputAsync(Gate(), first.RunId, HumanAnswer.Approve("Good."), "erin", Ct);

        Assert.Equal(HumanInputKind.Verdict, first.Journal.OfType<InputRequested>().Single().Expects);
        Assert.Equal(RunStatus.AwaitingInput, rejected.Run.Status);
        Assert.Contains("Say the amount and when the refund arrives.", writer.Requests[1].LastUserText, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Completed, approved.Run.Status);
        Assert.Equal("We refunded the duplicate charge of 19.99 EUR; it reaches you in 3 days.", approved.Run.FinalText);
        Assert.Equal(["revise", "approved"], approved.Run.Journal.OfType<ReviewVerdictRecorded>().Select(v => v.Verdict.Value));
        Assert.Equal(["REVISE: Say the amount and when the refund arrives.", "APPROVED: Good."], approved.Run.Journal.OfType<InputProvided>().Select(p => p.Answer));
        var steps = StepProjection.FromJournal(approved.Run.Journal).Steps.Where(s => s.Inputs.Count > 0).ToList();
        Assert.Equal(["revise", "approved"], steps.Select(s => s.Inputs[0].Verdict!.Verdict.Value));
    }

    [Fact]
    public async Task ApprovalGate_RejectedEveryRound_EndsAtTheRoundLimitWithTheLastDraft()
    {
        var runner = new HandoffRunner();
        var writer = new ScriptedChatClient("draft 1", "draft 2");
        ReviewLoop Gate() => Pipeline.ReviewLoop(
            "reply",
            new Agent("writer", writer) { Writes = "reply" },
            new Agent("approver", new HumanParticipant { Question = "Approve?" }),
            new ReviewLoopOptions { MaxRounds = 2 });
        var run = await runner.RunAsync(Gate(), "Reply.", Ct);
        await runner.ProvideInputAsync(Gate(), run.RunId, HumanAnswer.Reject("No."), "erin", Ct);

        var last = await runner.ProvideInputAsync(Gate(), run.RunId, HumanAnswer.Reject("Still no."), "erin", Ct);

        Assert.Equal(RunStatus.RoundLimitReached, last.Run.Status);
        Assert.Equal("draft 2", last.Run.FinalText);
    }

    [Theory]
    [InlineData("looks fine to me")]
    [InlineData("REVISE:")]
    [InlineData("")]
    public async Task ApprovalGate_TextThatIsNoVerdict_RefusedAndTheRunStillWaits(string text)
    {
        var runner = new HandoffRunner();
        ReviewLoop Gate() => Pipeline.ReviewLoop(
            "reply",
            new Agent("writer", new ScriptedChatClient("draft 1")) { Writes = "reply" },
            new Agent("approver", new HumanParticipant { Question = "Approve?" }));
        var run = await runner.RunAsync(Gate(), "Reply.", Ct);

        var refused = await runner.ProvideInputAsync(Gate(), run.RunId, HumanAnswer.FromText(text), "erin", Ct);

        Assert.Equal(InputOutcome.Invalid, refused.Outcome);
        Assert.NotEmpty(refused.Errors);
        Assert.Equal(run.Journal.Count, (await runner.Store.ReadAsync(run.RunId, Ct)).Count);
    }

    [Fact]
    public async Task ApprovalGate_JsonVerdictFormat_ApprovalIsWrittenAsAJsonVerdict()
    {
        var runner = new HandoffRunner();
        ReviewLoop Gate() => Pipeline.ReviewLoop(
            "reply",
            new Agent("writer", new ScriptedChatClient("draft 1")) { Writes = "reply" },
            new Agent("approver", new HumanParticipant { Question = "Approve?" }),
            new ReviewLoopOptions { VerdictFormat = ReviewVerdictFormat.Json });
        var run = await runner.RunAsync(Gate(), "Reply.", Ct);

        var approved = await runner.ProvideInputAsync(Gate(), run.RunId, HumanAnswer.Approve(), "erin", Ct);

        Assert.Equal(RunStatus.Completed, approved.Run.Status);
        Assert.Equal("""{"verdict":"approved"}""", approved.Run.Journal.OfType<InputProvided>().Single().Answer);
    }

    [Fact]
    public async Task AgentFallback_APersonTakesOverWhenTheModelFails()
    {
        var runner = new HandoffRunner();
        SequentialPipeline Flow() => Pipeline.Sequential(
            "refunds",
            new Agent("drafter", new ScriptedChatClient().ThenThrow(new InvalidOperationException("model down")))
            {
                Writes = "reply",
                Fallback = Fallback.ToAgent(new Agent("clerk", new HumanParticipant { Question = "The model is down: write the reply yourself." })),
            });

        var waiting = await runner.RunAsync(Flow(), "Reply to the customer.", Ct);
        var answered = await runner.ProvideInputAsync(Flow(), waiting.RunId, HumanAnswer.FromText("Sorry, refund on its way."), "frank", Ct);

        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        Assert.Equal("clerk", waiting.Journal.OfType<InputRequested>().Single().Agent);
        Assert.Equal(RunStatus.Completed, answered.Run.Status);
        Assert.Equal(OutputVia.FallbackAgent("clerk"), answered.Run.Context.Outputs["reply"].Via);
    }

    [Fact]
    public async Task GuardFallback_APersonGivesTheFinalAnswerAfterTheStepLimit()
    {
        var runner = new HandoffRunner();
        var person = new Agent("lead", new HumanParticipant { Question = "The team went in circles: give the final answer." });
        SupervisorOrchestration Flow(ScriptedChatClient client) => Pipeline.Supervisor(
            "desk",
            new Agent("dispatcher", client),
            new SupervisorOptions { MaxSteps = 1, OnStepLimit = Fallback.ToAgent(person) },
            new Agent("billing", client));
        var client = SupportDesk.Scripted(("dispatcher", [SupportDesk.Route("billing")]), ("billing", ["refund issued"]));

        var waiting = await runner.RunAsync(Flow(client), "task", Ct);
        var answered = await runner.ProvideInputAsync(Flow(SupportDesk.Scripted()), waiting.RunId, HumanAnswer.FromText("Refunded; closing."), "gina", Ct);

        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        Assert.Equal(RunStatus.StepLimitReached, answered.Run.Status);
        Assert.Equal("Refunded; closing.", answered.Run.FinalText);
    }

    [Fact]
    public async Task PendingInputObserver_RunStopsToWait_NotifiedOnceWithTheQuestion()
    {
        var seen = new List<PendingInput>();
        var runner = new HandoffRunner(new HandoffRunnerOptions { Observers = { new PendingInputObserver(seen.Add) } });
        var flow = Pipeline.Sequential("notes", new Agent("lead", new HumanParticipant { Question = "Anything to add?", Assignee = "ops@example.com" }));

        var waiting = await runner.RunAsync(flow, "task", Ct);
        await runner.ProvideInputAsync(flow, waiting.RunId, HumanAnswer.FromText("No."), "hal", Ct);

        var notice = Assert.Single(seen);
        Assert.Equal((waiting.RunId, "ops@example.com", "Anything to add?"), (notice.RunId, notice.Assignee, notice.Question));
    }

    [Fact]
    public async Task StepProjection_AnsweredQuestion_ShowsWhoAnsweredAndHowLongItWaited()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EscalationDesk.Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var flow = Pipeline.Sequential("notes", new Agent("lead", new HumanParticipant { Question = "Anything to add?" }));
        var waiting = await runner.RunAsync(flow, "task", Ct);
        time.Advance(TimeSpan.FromMinutes(42));

        var answered = await runner.ProvideInputAsync(flow, waiting.RunId, HumanAnswer.FromText("No."), "hal", Ct);

        var input = Assert.Single(Assert.Single(StepProjection.FromJournal(answered.Run.Journal).Steps).Inputs);
        Assert.False(input.IsWaiting);
        Assert.Equal("hal", input.Answer!.Respondent);
        Assert.Equal(TimeSpan.FromMinutes(42), input.Waited);
        Assert.True(Assert.Single(StepProjection.FromJournal(waiting.Journal).Steps).Inputs[0].IsWaiting);
    }

    [Fact]
    public async Task StepLimit_APersonsTurnCountsAsAStep()
    {
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new() { MaxSteps = 1 } });
        var flow = Pipeline.Sequential("two", new Agent("lead", new HumanParticipant { Question = "Go?" }), new Agent("after", new ScriptedChatClient("never")));
        var waiting = await runner.RunAsync(flow, "task", Ct);

        var answered = await runner.ProvideInputAsync(flow, waiting.RunId, HumanAnswer.FromText("Go."), "ivy", Ct);

        Assert.Equal(RunStatus.StepLimitReached, answered.Run.Status);
    }
}
