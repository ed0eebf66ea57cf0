using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;

using Baton.Testing;
using static Baton.Tests.Orchestration.Supervisor.SupportDesk;

namespace Baton.Tests.Orchestration;

public class CompositionTests
{
    [Fact]
    public async Task RunAsync_ReviewLoopAsPipelineStep_NextStepReadsApprovedDraft()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["researcher"] = ["facts: exports support CSV"],
            ["writer"] = ["draft A", "draft B"],
            ["editor"] = ["REVISE: name the format", "APPROVED: ship it"],
            ["publisher"] = ["published: draft B"],
        });
        var pipeline = Pipeline.Sequential(
            "publish",
            new Agent("researcher", client) { Writes = "research" },
            Pipeline.ReviewLoop("edit", new Agent("writer", client) { Writes = "draft" }, new Agent("editor", client)),
            new Agent("publisher", client));

        var result = await new HandoffRunner().RunAsync(pipeline, "Announce CSV export", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("published: draft B", result.FinalText);
        var publisherPrompt = client.Requests.Single(r => r.Role == "publisher").LastUserText;
        Assert.Contains("draft B", publisherPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("draft A", publisherPrompt, StringComparison.Ordinal);
        Assert.Contains("facts: exports support CSV", client.Requests.First(r => r.Role == "writer").LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SupervisorRoutesToNestedPipeline_PipelineGetsSupervisorContextAndTask()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["dispatcher"] = [Route("research_team", "Check the refund policy for duplicate charges."), Route("DONE")],
            ["investigator"] = ["Policy: duplicates are refunded within 5 days."],
            ["summarizer"] = ["You will be refunded within 5 days."],
        });
        var team = new SequentialPipeline(
            "research_team",
            [new Agent("investigator", client), new Agent("summarizer", client)],
            inputs: ["supervisor_note"]);
        var desk = Pipeline.Supervisor("desk", new Agent("dispatcher", client), team, new Agent("billing", client));

        var result = await new HandoffRunner().RunAsync(desk, HandoffContext.Create(Supervisor.SupportDesk.Task, Supervisor.SupportDesk.Intent), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("You will be refunded within 5 days.", result.FinalText);
        var investigatorPrompt = client.Requests.Single(r => r.Role == "investigator").LastUserText;
        Assert.Contains("Check the refund policy for duplicate charges.", investigatorPrompt, StringComparison.Ordinal);
        Assert.Contains(Supervisor.SupportDesk.Task, investigatorPrompt, StringComparison.Ordinal);
        Assert.Contains("- research_team: a team of agents (investigator, summarizer)", client.Requests[0].LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GoalDrift_FourthSpecialistOfSupervisorRunStillSeesIntent()
    {
        var names = new[] { "a1", "a2", "a3", "a4" };
        var turn = 0;
        var client = new ScriptedChatClient(request => request.Role == "boss"
            ? Route(turn < names.Length ? names[turn++] : "DONE", "next part")
            : $"{request.Role} did its part");
        var supervisor = Pipeline.Supervisor("team", new Agent("boss", client), names.Select(n => (Baton.Orchestration.Orchestration)new Agent(n, client)));

        await new HandoffRunner().RunAsync(supervisor, HandoffContext.Create("original request", "the one-line intent"), cancellationToken: TestContext.Current.CancellationToken);

        var fourth = client.Requests.Single(r => r.Role == "a4").LastUserText;
        Assert.Contains("## Task\noriginal request", fourth, StringComparison.Ordinal);
        Assert.Contains("## Intent\nthe one-line intent", fourth, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeAsync_SupervisorRunInterruptedMidway_ReplaysDecisionsWithoutCallingModel()
    {
        var first = Scripted(
            ("dispatcher", [Route("billing", "refund"), Route("tech", "reset login"), Route("DONE")]),
            ("billing", ["Refunded."]),
            ("tech", ["Access restored."]));
        var store = new InMemoryRunStore();
        var done = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).RunAsync(Create(first), Supervisor.SupportDesk.Task, TestContext.Current.CancellationToken);

        // Keep the journal up to the second routing decision (to tech): the "crash" happened before tech answered.
        var cut = done.Journal.OfType<RoutingDecided>().ElementAt(1).Sequence;
        var partial = done.Journal.Where(e => e.Sequence <= cut).ToList();
        var resumedStore = new InMemoryRunStore();
        await resumedStore.AppendAsync(done.RunId, 0, partial, TestContext.Current.CancellationToken);
        var fresh = Scripted(("dispatcher", [Route("DONE")]), ("tech", ["Access restored."]));

        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = resumedStore }).ResumeAsync(Create(fresh), done.RunId, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("Access restored.", result.FinalText);
        Assert.Equal(["tech", "dispatcher"], fresh.Requests.Select(r => r.Role));
        Assert.Single(result.Journal.OfType<RunResumed>());
        Assert.Equal(["billing", "tech", "DONE"], result.Journal.OfType<RoutingDecided>().Select(d => d.NextAgent));
    }

    [Fact]
    public async Task ResumeAsync_LoopDetectedAfterResume_SameAsUninterruptedRun()
    {
        static ScriptedChatClient PingPong()
        {
            // Decides from the prompt alone (how many steps it lists), so replayed calls need no client state.
            return new ScriptedChatClient(request => request.Role switch
            {
                "dispatcher" => Route(request.LastUserText.Split(" wrote '").Length % 2 == 1 ? "billing" : "tech"),
                _ => $"{request.Role}: not mine",
            });
        }

        var store = new InMemoryRunStore();
        var full = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).RunAsync(Create(PingPong()), Supervisor.SupportDesk.Task, TestContext.Current.CancellationToken);
        var cut = full.Journal.OfType<RoutingDecided>().ElementAt(2).Sequence;
        var resumedStore = new InMemoryRunStore();
        await resumedStore.AppendAsync(full.RunId, 0, [.. full.Journal.Where(e => e.Sequence <= cut)], TestContext.Current.CancellationToken);
        var fresh = PingPong();

        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = resumedStore }).ResumeAsync(Create(fresh), full.RunId, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.LoopDetected, full.Status);
        Assert.Equal(full.Status, result.Status);
        Assert.Equal(full.Reason, result.Reason);
    }
}
