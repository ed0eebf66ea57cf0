using Baton.Agents;
using Baton.Context;
using Baton.Orchestration;

namespace Baton.Providers.Tests;

public sealed class RehearsalPipelineTests
{
    [Fact]
    public async Task Run_SequentialPipelineOnRehearsal_CompletesWithPlaceholderOutputsAndTokens()
    {
        using var model = ChatClientFactory.Create(ModelReference.Rehearsal);
        var researcher = new Agent("researcher", model)
        {
            Instructions = "You are a research specialist. Return JSON with 'summary' and 'key_facts'.",
            Writes = "research",
            OutputFormat = AgentOutputFormat.Json,
        };
        var writer = new Agent("writer", model) { Instructions = "Write for a general audience.", Writes = "draft" };
        var editor = new Agent("editor", model) { Instructions = "Edit the draft.", Reads = ["draft"], Writes = "article" };
        var runner = new HandoffRunner(new HandoffRunnerOptions());

        var result = await runner.RunAsync(
            Pipeline.Sequential("article", researcher, writer, editor),
            HandoffContext.Create("climate change impacts on agriculture"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsCompleted, result.Reason);
        Assert.Equal(3, result.Steps);
        Assert.Equal("<rehearsal output for editor>", result.FinalText);
        Assert.True(result.InputTokens > 0 && result.OutputTokens > 0);
    }
}
