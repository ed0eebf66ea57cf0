using System.Net;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Resilience;
using Baton.Testing;
using Baton.Tests.Fakes;
using Baton.Tests.Validation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Resilience;

public class FallbackChatClientTests
{
    private static readonly ChatMessage[] s_hello = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task GetResponse_PrimaryFails_FallbackServesAndIsNamed()
    {
        var primary = new ScriptedChatClient(_ => throw new HttpRequestException("down", null, HttpStatusCode.BadGateway));
        var backup = new ScriptedChatClient("from backup");
        using var client = new FallbackChatClient(primary, backup, "small-model");

        var response = await client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("from backup", response.Text);
        Assert.Equal("small-model", response.AdditionalProperties![BatonChatResponseProperties.ServedBy]);
    }

    [Fact]
    public async Task GetResponse_CallerCancels_NotRoutedToFallback()
    {
        using var cts = new CancellationTokenSource();
        var primary = new ScriptedChatClient((_, _) =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        var backup = new ScriptedChatClient("from backup");
        using var client = new FallbackChatClient(primary, backup, "small-model");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(s_hello, cancellationToken: cts.Token));

        Assert.Equal(0, backup.CallCount);
    }

    [Fact]
    public async Task GetStreamingResponse_PrimaryFailsBeforeFirstUpdate_StreamsFromFallback()
    {
        var primary = new ScriptedChatClient(_ => throw new HttpRequestException("down", null, HttpStatusCode.ServiceUnavailable));
        using var client = new FallbackChatClient(primary, new ScriptedChatClient("streamed"), "backup");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal("streamed", updates.ToChatResponse().Text);
        Assert.All(updates, u => Assert.Equal("backup", u.AdditionalProperties![BatonChatResponseProperties.ServedBy]));
    }

    [Fact]
    public async Task Run_AgentWithResilienceAndFallbackMiddleware_JournalSaysRetriesAndServedBy()
    {
        var time = new FakeTimeProvider();
        var primary = new ScriptedChatClient(_ => throw new HttpRequestException("overloaded", null, (HttpStatusCode)529));
        var backup = new ScriptedChatClient()
            .ThenThrow(new HttpRequestException("busy", null, HttpStatusCode.TooManyRequests))
            .Then("answer from backup");
        var client = new ChatClientBuilder(primary)
            .UseBatonFallback(new ChatClientBuilder(backup).UseBatonResilience(o => { o.TimeProvider = time; o.BaseDelay = TimeSpan.Zero; }).Build(), "backup-model")
            .UseBatonResilience(o => { o.TimeProvider = time; o.MaxRetries = 1; o.BaseDelay = TimeSpan.Zero; })
            .Build();
        var pipeline = Pipeline.Sequential("p", new Agent("writer", client));

        var result = await time.DriveAsync(new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time })
            .RunAsync(pipeline, HandoffContext.Create("task"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(RunStatus.Completed, result.Status);
        var answered = Assert.Single(result.Journal.OfType<AgentAnswered>());
        Assert.Equal("backup-model", answered.ServedBy.Value);
        Assert.Equal(1, answered.Retries);
        // The first Use is outermost: the primary's own retry (MaxRetries = 1) is spent before the fallback takes over.
        Assert.Equal(2, primary.CallCount);
        Assert.Equal("backup-model", Assert.Single(result.Journal.OfType<OutputRecorded>()).Via.Value);
    }

    [Fact]
    public void GetService_ModelCapabilities_DescribesThePrimaryWithTheFallbackBeside()
    {
        var primary = new CapableChatClient(new ScriptedChatClient(), new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.JsonSchema });
        var backup = new CapableChatClient(new ScriptedChatClient(), new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.Tool, SupportsMaxOutputTokens = false });
        using var client = new FallbackChatClient(primary, backup, "backup");

        var capabilities = client.GetService<ModelCapabilities>();

        Assert.Equal(StructuredOutputMechanism.JsonSchema, capabilities?.StructuredOutput);
        Assert.Equal(StructuredOutputMechanism.Tool, capabilities?.Fallback?.StructuredOutput);

        // A limit is honoured only if every path that may serve the call honours it.
        Assert.False(capabilities?.SupportsMaxOutputTokens);
    }

    [Fact]
    public void GetService_FallbackDeclaresNothing_FallbackIsUnknown()
    {
        var primary = new CapableChatClient(new ScriptedChatClient(), new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.Format });
        using var client = new FallbackChatClient(primary, new ScriptedChatClient(), "backup");

        var capabilities = client.GetService<ModelCapabilities>();

        Assert.Equal(StructuredOutputMechanism.Format, capabilities?.StructuredOutput);
        Assert.Equal(ModelCapabilities.Unknown, capabilities?.Fallback);
    }

    [Theory]
    [InlineData("tool", "tool")]
    [InlineData("none", "none")]
    [InlineData("json_schema", null)]
    public async Task Run_FallbackServesASchemaCall_AnswerRecordsTheFallbacksMechanismWhenItDiffers(string fallbackMechanism, string? recorded)
    {
        var primary = new CapableChatClient(
            new ScriptedChatClient(_ => throw new HttpRequestException("down", null, HttpStatusCode.BadGateway)),
            new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.JsonSchema });
        var backup = new CapableChatClient(
            new ScriptedChatClient("""{"facts":[{"text":"wheat yields fall","source":"FAO"}]}"""),
            new ModelCapabilities { StructuredOutput = new StructuredOutputMechanism(fallbackMechanism) });
        var client = new ChatClientBuilder(primary).UseBatonFallback(backup, "backup-model").Build();
        var agent = new Agent("researcher", client) { Contract = OutputContractTests.FactsContract, Writes = "research" };

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", agent), "task", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(StructuredOutputMechanism.JsonSchema, Assert.Single(result.Journal.OfType<AgentCalled>()).StructuredOutput);
        var answered = Assert.Single(result.Journal.OfType<AgentAnswered>());
        Assert.Equal("backup-model", answered.ServedBy.Value);
        Assert.Equal(recorded, answered.StructuredOutput?.Value);
    }

    [Fact]
    public async Task Run_PrimaryServesASchemaCall_AnswerRecordsNoOtherMechanism()
    {
        var primary = new CapableChatClient(
            new ScriptedChatClient("""{"facts":[{"text":"wheat yields fall","source":"FAO"}]}"""),
            new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.JsonSchema });
        var backup = new CapableChatClient(new ScriptedChatClient("unused"), new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.Tool });
        var client = new ChatClientBuilder(primary).UseBatonFallback(backup, "backup-model").Build();
        var agent = new Agent("researcher", client) { Contract = OutputContractTests.FactsContract, Writes = "research" };

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", agent), "task", TestContext.Current.CancellationToken);

        var answered = Assert.Single(result.Journal.OfType<AgentAnswered>());
        Assert.True(answered.ServedBy.IsPrimary);
        Assert.Null(answered.StructuredOutput);
    }

    [Fact]
    public async Task GetResponse_FallbackServesATextCall_SaysNothingAboutStructuredOutput()
    {
        var primary = new CapableChatClient(
            new ScriptedChatClient(_ => throw new HttpRequestException("down", null, HttpStatusCode.BadGateway)),
            new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.JsonSchema });
        var backup = new CapableChatClient(new ScriptedChatClient("text"), new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.Tool });
        using var client = new FallbackChatClient(primary, backup, "backup");

        var response = await client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(response.AdditionalProperties!.ContainsKey(BatonChatResponseProperties.StructuredOutput));
    }
}
