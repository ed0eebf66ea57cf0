using Baton.Providers.Tests.Wire;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

public sealed class ProviderStreamingErrorTests
{
    [Fact]
    public async Task AnthropicStream_OverloadedErrorEventMidStream_Throws()
    {
        var events = new List<string>(AnthropicWire.Stream(["partial"], 5, 1).Take(4))
        {
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
        };
        await using var server = LoopbackServer.Start(_ => ServerReply.Stream("text/event-stream", events));
        using var client = ChatClientFactory.Create(
            ModelReference.Parse("anthropic:claude-test"),
            new ProviderSettings { AnthropicApiKey = "sk-ant-test-0123456789", AnthropicBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null });

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        TestContext.Current.TestOutputHelper?.WriteLine(ex.ToString());
        var provider = Assert.IsType<ModelProviderException>(ex);
        Assert.Equal(529, (int)provider.StatusCode!);
        Assert.True(provider.IsTransient);
    }

    [Fact]
    public async Task GetResponse_CallerCancels_ThrowsOperationCanceledNotProviderError()
    {
        using var release = new SemaphoreSlim(0);
        await using var server = LoopbackServer.Start(_ =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return ServerReply.Json(OpenAIWire.Completion("late", 1, 1));
        });
        using var client = ChatClientFactory.Create(
            ModelReference.Parse("openai:gpt-test"),
            new ProviderSettings { OpenAIApiKey = "sk-test-0123456789", OpenAIBaseUrl = new Uri(server.BaseUrl, "v1"), GetEnvironmentVariable = _ => null });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cts.Token);
        while (server.Requests.Count == 0)
        {
            await Task.Yield();
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        release.Release();
    }
}
