using Baton.Agents;
using Baton.Compression;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Tests.Compression;

namespace Baton.Tests.Validation;

public class ResumeWithFallbackAndCompressionTests
{
    private const string MissingSource = """{"facts":[{"text":"wheat yields fall"}]}""";

    [Fact]
    public async Task ResumeAsync_RunWithReasksFallbackAndSummary_ReplaysEverythingAndCallsOnlyTheInterruptedAgent()
    {
        var longValid = $$"""{"facts":[{"text":"{{CompressionFixtures.Words(400, 3)}}","source":"FAO"}]}""";
        using var cts = new CancellationTokenSource();
        var crashingWriter = new ScriptedChatClient((_, _) =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        var first = await Runner(new InMemoryRunStore()).RunAsync(
            Build(new ScriptedChatClient(MissingSource, MissingSource, MissingSource), new ScriptedChatClient(longValid), new ScriptedChatClient("short summary"), crashingWriter),
            HandoffContext.Create("drought and wheat"),
            cancellationToken: cts.Token);
        Assert.Equal(RunStatus.Cancelled, first.Status);
        var partial = first.Journal.TakeWhile(e => e is not AgentFailed and not RunEnded).ToList();
        var store = new InMemoryRunStore();
        await store.AppendAsync(first.RunId, 0, partial, TestContext.Current.CancellationToken);

        var writer = new ScriptedChatClient("article");
        var result = await Runner(store).ResumeAsync(
            Build(new ScriptedChatClient(), new ScriptedChatClient(), new ScriptedChatClient(), writer), first.RunId, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1, writer.CallCount);
        Assert.Equal("article", result.FinalText);
        Assert.Equal("fallback:agent:backup", result.Context.Outputs["research"].Via.Value);
        Assert.Single(result.Journal.OfType<ContextCompressed>());
        Assert.Equal(3, result.Journal.OfType<ValidationFailed>().Count());
    }

    private static HandoffRunner Runner(InMemoryRunStore store) => new(new HandoffRunnerOptions { Store = store });

    private static SequentialPipeline Build(ScriptedChatClient researcher, ScriptedChatClient backup, ScriptedChatClient summarizer, ScriptedChatClient writer) =>
        Pipeline.Sequential(
            "p",
            new Agent("researcher", researcher)
            {
                Writes = "research",
                Contract = OutputContractTests.FactsContract,
                Fallback = Fallback.ToAgent(new Agent("backup", backup)),
            },
            new Agent("writer", writer)
            {
                ContextBudget = 200,
                ContextCompressor = ContextCompressors.SummarizeThenDefault(new Agent("summarizer", summarizer)),
            });
}
