using System.Net;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Resilience;
using Baton.Testing;
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
}
