using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Tests.Orchestration.Supervisor;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Journal;

public class StepProjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FromJournal_SupervisorRun_EachDecisionStepComesFromTheAgentBeforeIt()
    {
        var client = SupportDesk.Scripted(("dispatcher", ["not json", SupportDesk.Route("billing"), SupportDesk.Route("tech"), SupportDesk.Route("DONE")]), ("billing", ["refunded"]), ("tech", ["reset"]));
        var result = await new HandoffRunner().RunAsync(SupportDesk.Create(client), SupportDesk.Task, Ct);

        var steps = StepProjection.FromJournal(result.Journal).Steps;

        Assert.Equal(
            [(1, null, "dispatcher"), (2, "dispatcher", "billing"), (3, "billing", "dispatcher"), (4, "dispatcher", "tech"), (5, "tech", "dispatcher")],
            steps.Select(s => (s.Step, s.From, s.Agent)));
        var first = steps[0];
        Assert.Equal(2, first.Calls.Count);
        Assert.Equal(1, first.Reasks);
        Assert.Null(Assert.IsType<RoutingDecided>(Assert.Single(first.Calls[0].Verdicts)).NextAgent);
        Assert.Equal("billing", first.Routing?.NextAgent);
    }

    [Fact]
    public async Task FromJournal_RejectedThenAccepted_CountsPerStepFigures()
    {
        var client = new ScriptedChatClient(string.Empty, "fine", "done");
        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client)), "task", Ct);

        var steps = StepProjection.FromJournal(result.Journal).Steps;

        Assert.Equal((2, 1, 1, "repaired"), (steps[0].ModelCalls, steps[0].Reasks, steps[0].ValidationFailures, steps[0].ValidationOutcome));
        Assert.Equal((1, 0, "accepted"), (steps[1].ModelCalls, steps[1].ValidationFailures, steps[1].ValidationOutcome));
        Assert.Equal(result.InputTokens, steps.Sum(s => s.InputTokens));
        Assert.IsType<ValidationFailed>(Assert.Single(steps[0].Calls[0].Verdicts));
    }

    [Fact]
    public async Task Apply_LiveEvents_MatchesTheFoldOfTheWholeJournal()
    {
        var (chain, _) = TestAgents.Chain("a", "b", "c");
        var result = await new HandoffRunner().RunAsync(chain, "task", Ct);
        var live = new StepProjection();

        foreach (var e in result.Journal)
        {
            live.Apply(e);
        }

        Assert.Equal(
            StepProjection.FromJournal(result.Journal).Steps.Select(s => (s.Step, s.Agent, s.ModelCalls, s.Outputs.Count)),
            live.Steps.Select(s => (s.Step, s.Agent, s.ModelCalls, s.Outputs.Count)));
        Assert.Equal(3, live.Steps.Count);
        Assert.Equal(2, live.RunEvents.Count);
    }
}
