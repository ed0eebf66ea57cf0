using Baton.Agents;
using Baton.Compression;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using static Baton.Tests.Compression.CompressionFixtures;

namespace Baton.Tests.Compression;

public class ContextBudgetTests
{
    [Fact]
    public async Task Run_ViewOverBudget_CompressedAndJournaledWithSizes_TaskIntentConstraintsKept()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["researcher"] = [Words(1500, 1)],
            ["analyst"] = [Words(1500, 2)],
            ["writer"] = ["short article"],
        });
        var pipeline = Pipeline.Sequential(
            "p",
            new Agent("researcher", client),
            new Agent("analyst", client),
            new Agent("writer", client) { Reads = ["researcher", "analyst"], ContextBudget = 700 });
        var context = HandoffContext.Create("the impact of drought on wheat", "a two-paragraph brief", ["cite sources"]);

        var result = await new HandoffRunner(new HandoffRunnerOptions { TokenCounter = TiktokenTokenCounter.Default })
            .RunAsync(pipeline, context, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        var compressed = Assert.Single(result.Journal.OfType<ContextCompressed>());
        Assert.Equal("writer", compressed.Agent);
        Assert.True(compressed.TokensBefore > 700);
        Assert.True(compressed.TokensAfter <= 700);
        Assert.True(compressed.FitsBudget);
        Assert.Contains("truncate", compressed.Strategies);
        var writerCall = result.Journal.OfType<AgentCalled>().Single(c => c.Agent == "writer");
        Assert.Equal(compressed.TokensAfter, writerCall.ContextTokens);
        var prompt = client.Requests[2].LastUserText;
        Assert.Contains("## Task\nthe impact of drought on wheat", prompt, StringComparison.Ordinal);
        Assert.Contains("## Intent\na two-paragraph brief", prompt, StringComparison.Ordinal);
        Assert.Contains("- cite sources", prompt, StringComparison.Ordinal);
        Assert.All(result.Journal.OfType<AgentCalled>().Where(c => c.Agent != "writer"), c => Assert.NotNull(c.ContextTokens));
    }

    [Fact]
    public async Task Run_SummarizerStrategy_SummaryCallJournaledAndReplacesOutputs()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["researcher"] = [Words(1500, 1)],
            ["summarizer"] = ["Drought cut wheat yields 10% (FAO)."],
            ["writer"] = ["article"],
        });
        var summarizer = new Agent("summarizer", client) { Instructions = "You condense inputs." };
        var pipeline = Pipeline.Sequential(
            "p",
            new Agent("researcher", client),
            new Agent("writer", client) { ContextBudget = 400, ContextCompressor = ContextCompressors.SummarizeThenDefault(summarizer) });

        var result = await new HandoffRunner().RunAsync(pipeline, HandoffContext.Create("drought and wheat"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        var compressed = Assert.Single(result.Journal.OfType<ContextCompressed>());
        Assert.Equal(["summarize"], compressed.Strategies);
        Assert.Equal(["researcher"], compressed.DroppedOutputs);
        Assert.Contains(result.Journal.OfType<AgentAnswered>(), a => a.Agent == "summarizer" && a.Step == 2);
        var writerPrompt = client.Requests[2].LastUserText;
        Assert.Contains("Drought cut wheat yields 10% (FAO).", writerPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain(Words(50, 1), writerPrompt, StringComparison.Ordinal);
        Assert.Equal(2, result.Journal.OfType<HandoffRecorded>().Count());
    }

    [Fact]
    public async Task Run_UnderBudget_NoCompressionEvent()
    {
        var client = new ScriptedChatClient("a", "b");
        var pipeline = Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client) { ContextBudget = 10_000 });

        var result = await new HandoffRunner().RunAsync(pipeline, HandoffContext.Create("task"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Journal.OfType<ContextCompressed>());
        Assert.NotNull(result.Journal.OfType<AgentCalled>().Single(c => c.Agent == "b").ContextTokens);
    }
}
