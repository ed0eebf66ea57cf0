using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Testing.Tests.Handoffs;

public class ReplayingChatClientTests
{
    private static readonly HandoffFixture s_fixture = HandoffFixtures.Parse(
        """{ "name": "drought", "task": "Write about drought", "outputs": { "research": { "facts": ["yields fell"] } } }""");

    [Fact]
    public async Task RunAsync_RecordedHandoffTest_ReplaysWithoutTheModel()
    {
        var store = new InMemoryRunStore();
        var live = new ScriptedChatClient(_ => "the recorded draft");
        var recording = await new HandoffTestRunner(new HandoffTestOptions { Store = store })
            .RunAsync(new HandoffTest(new Agent("writer", live) { Reads = ["research"] }), [s_fixture], TestContext.Current.CancellationToken);
        var replaying = new ReplayingChatClient(await store.ReadAsync(recording.Results[0].RunId, TestContext.Current.CancellationToken));

        var replay = await new HandoffTest(new Agent("writer", replaying) { Reads = ["research"] }).RunAsync([s_fixture], TestContext.Current.CancellationToken);

        Assert.Equal(1, live.CallCount);
        Assert.Equal("the recorded draft", replay.Results[0].Output!.ToText());
        Assert.Equal(recording.Results[0].InputTokens, replay.Results[0].InputTokens);
    }

    [Fact]
    public async Task RunAsync_PromptChanged_ThrowsReplayMismatchNamingTheAgent()
    {
        var store = new InMemoryRunStore();
        var recording = await new HandoffTestRunner(new HandoffTestOptions { Store = store })
            .RunAsync(new HandoffTest(new Agent("writer", new ScriptedChatClient(_ => "x"))), [s_fixture], TestContext.Current.CancellationToken);
        var replaying = new ReplayingChatClient(await store.ReadAsync(recording.Results[0].RunId, TestContext.Current.CancellationToken));

        var ex = await Assert.ThrowsAsync<ReplayMismatchException>(() =>
            new HandoffTest(new Agent("writer", replaying) { Instructions = "changed" }).RunAsync([s_fixture], TestContext.Current.CancellationToken));

        Assert.Contains("agent writer changed", ex.Message, StringComparison.Ordinal);
    }
}
