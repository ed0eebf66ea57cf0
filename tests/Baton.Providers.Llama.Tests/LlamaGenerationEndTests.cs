using Baton.Agents;
using LLama;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Llama.Tests;

/// <summary>How a local generation ends (stopped, cut by the token limit, cancelled) and how loaded models are shared.</summary>
public sealed class LlamaGenerationEndTests
{
    private static readonly ChatMessage[] s_plain =
    [
        new(ChatRole.System, "You are the writer."),
        new(ChatRole.User, "## Task\nWrite a long story.\n\n## Your role\nwriter\n"),
    ];

    [Fact]
    public async Task GetResponse_OutputTokenLimitReached_FinishReasonIsLength()
    {
        using var client = TinyModel.Load(TinyModel.Write("chatml"));

        var response = await client.GetResponseAsync(s_plain, new ChatOptions { MaxOutputTokens = 5 }, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponse_CancelledMidGeneration_ThrowsInsteadOfEndingAsStop()
    {
        using var client = TinyModel.Load(TinyModel.Write("chatml"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var updates = new List<ChatResponseUpdate>();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(s_plain, new ChatOptions { MaxOutputTokens = 400 }, cts.Token))
            {
                updates.Add(update);
                if (updates.Count == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.DoesNotContain(updates, u => u.FinishReason is not null);
    }

    [Fact]
    public async Task GetResponse_CancelledMidGeneration_ThrowsInsteadOfReturningPartialText()
    {
        using var client = TinyModel.Load(TinyModel.Write("chatml"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetResponseAsync(s_plain, new ChatOptions { MaxOutputTokens = 100_000 }, cts.Token));
    }

    [Fact]
    public async Task Constructor_SameFileForSeveralAgents_SharesOneCopyOfTheWeights()
    {
        var path = TinyModel.Write("shared-weights");
        var first = TinyModel.Load(path);
        var second = TinyModel.Load(path, o => o.ContextSize = 512);
        var weights = first.GetService(typeof(LLamaWeights));

        Assert.Same(weights, second.GetService(typeof(LLamaWeights)));

        // The last client standing still works after the first is disposed, and holds the only copy.
        first.Dispose();
        var response = await second.GetResponseAsync(s_plain, new ChatOptions { MaxOutputTokens = 3 }, TestContext.Current.CancellationToken);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        second.Dispose();
        second.Dispose();

        // Once every client is gone the copy is released; the next client loads afresh.
        using var third = TinyModel.Load(path);
        Assert.NotSame(weights, third.GetService(typeof(LLamaWeights)));
    }

    [Fact]
    public void Create_TwoAgentsOnOneGgufReference_ShareTheLoadedModel()
    {
        var path = TinyModel.Write("factory-shared");
        var settings = ProviderSettings.Default.WithLlama(o => o.ContextSize = 256);
        try
        {
            using var writer = ChatClientFactory.Create(ModelReference.Parse("gguf:" + path), settings);
            using var editor = ChatClientFactory.Create(ModelReference.Parse("gguf:" + path), settings);

            Assert.Same(writer.GetService(typeof(LLamaWeights)), editor.GetService(typeof(LLamaWeights)));
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Skip("LLamaSharp's CPU backend could not be loaded on this machine.");
        }
    }

    [Fact]
    public void GetService_ModelCapabilities_IsGrammar()
    {
        using var client = TinyModel.Load(TinyModel.Write("chatml"));

        Assert.Equal(StructuredOutputMechanism.Grammar, client.GetService<ModelCapabilities>()?.StructuredOutput);
    }
}
