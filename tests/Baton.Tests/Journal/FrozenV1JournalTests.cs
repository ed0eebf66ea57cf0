using System.Text.Json;
using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Tests.Orchestration.Supervisor;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Journal;

/// <summary>
/// Journals written by the version before the turn pipeline (Recordings/v1-*-run.jsonl: a supervisor run with an
/// unusable decision, a review loop with an unreadable verdict, a contract re-ask), frozen: they must keep loading,
/// resuming and replaying, although prompts and chat options changed since (output-token limits, decision schemas).
/// </summary>
public sealed class FrozenV1JournalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Recordings => ["v1-supervisor-run", "v1-review-loop-run", "v1-contract-run"];

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task ReplayAsync_FrozenV1Journal_MatchesWithoutCallingAModel(string name)
    {
        var journal = Read(name);

        var replay = await new HandoffRunner().ReplayAsync(Build(name, Refusing()), journal, Ct);

        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.Completed, replay.Status);
    }

    [Fact]
    public async Task ResumeAsync_FrozenV1SupervisorRunCutAfterTheBillingStep_ContinuesWithoutRepeatingRecordedCalls()
    {
        var journal = Read("v1-supervisor-run");
        var crashed = journal.TakeWhile(e => e is not AgentCalled { Agent: "dispatcher", Step: 3 }).ToList();
        var store = new InMemoryRunStore();
        await store.AppendAsync("v1-supervisor-run", 0, crashed, Ct);
        var client = SupportDesk.Scripted(("dispatcher", [SupportDesk.Route("tech"), SupportDesk.Route("DONE")]), ("tech", ["Password reset link sent."]));

        var resumed = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).ResumeAsync(Build("v1-supervisor-run", client), "v1-supervisor-run", Ct);

        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(3, client.CallCount);
        Assert.Equal("Password reset link sent.", resumed.FinalText);
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(await store.ReadAsync("v1-supervisor-run", Ct)).Status);
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void FromJournal_FrozenV1Journal_ProjectsEveryStep(string name)
    {
        var journal = Read(name);

        var steps = StepProjection.FromJournal(journal).Steps;

        Assert.Equal(RunState.FromEvents(journal).StepCount, steps.Count);
        Assert.All(steps, s => Assert.All(s.Calls, c => Assert.False(c.InFlight)));
    }

    private static IReadOnlyList<JournalEvent> Read(string name) =>
        JournalFile.Read(Path.Combine(AppContext.BaseDirectory, "Journal", "Recordings", name + ".jsonl"));

    // The orchestrations the recordings were made with (see their run ids), rebuilt with the current API.
    private static Baton.Orchestration.Orchestration Build(string name, IChatClient client) => name switch
    {
        "v1-supervisor-run" => SupportDesk.Create(client),
        "v1-review-loop-run" => Pipeline.ReviewLoop("note", new Agent("writer", client) { Instructions = "Write the note." }, new Agent("reviewer", client) { Instructions = "Review the note." }),
        _ => Pipeline.Sequential(
            "contract",
            new Agent("researcher", client)
            {
                Instructions = "Research.",
                Writes = "research",
                Contract = OutputContract.FromSchema(JsonDocument.Parse("""{"type":"object","required":["facts"],"properties":{"facts":{"type":"array","minItems":1,"items":{"type":"string"}}}}""").RootElement, "research"),
            },
            new Agent("writer", client) { Instructions = "Write.", Reads = ["research"] }),
    };

    private static ScriptedChatClient Refusing() => new((_, _) => throw new InvalidOperationException("A replay must not call a model."));
}
