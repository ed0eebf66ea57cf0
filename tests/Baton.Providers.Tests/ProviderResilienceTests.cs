using System.Collections.Concurrent;
using Baton.Orchestration;
using Baton.Providers.Tests.Wire;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Providers.Tests;

public sealed class ProviderResilienceTests
{
    [Fact]
    public async Task UseBatonResilience_Anthropic429ThenSuccess_WaitsRetryAfterThenSucceeds()
    {
        var calls = 0;
        await using var server = LoopbackServer.Start(_ => Interlocked.Increment(ref calls) == 1
            ? ServerReply.Error(429, AnthropicWire.Error("rate_limit_error", "slow down"), retryAfter: "7")
            : ServerReply.Json(AnthropicWire.Message("second time lucky", 3, 3)));
        var time = new TimerWatchingTimeProvider();
        using var client = ChatClientFactory.Create(
                ModelReference.Parse("anthropic:claude-test"),
                new ProviderSettings { AnthropicApiKey = "sk-ant-test-0123456789", AnthropicBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null })
            .AsBuilder()
            .UseBatonResilience(o =>
            {
                o.TimeProvider = time;
                o.UseJitter = false;
                o.BaseDelay = TimeSpan.FromSeconds(1);
            })
            .Build();

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: TestContext.Current.CancellationToken);
        while (!time.DueTimes.Contains(TimeSpan.FromSeconds(7)))
        {
            Assert.False(call.IsCompleted, "the call ended before a retry was scheduled");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Single(server.Requests); // not the 1 s backoff: the server's Retry-After wins
        time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await call;

        Assert.Equal("second time lucky", response.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, Convert.ToInt32(response.AdditionalProperties?[BatonChatResponseProperties.Retries], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task UseBatonResilience_OpenAI401_IsNotRetried()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(401, OpenAIWire.Error("invalid_request_error", "bad key")));
        using var client = ChatClientFactory.Create(
                ModelReference.Parse("openai:gpt-test"),
                new ProviderSettings { OpenAIApiKey = "sk-test-0123456789", OpenAIBaseUrl = new Uri(server.BaseUrl, "v1"), GetEnvironmentVariable = _ => null })
            .AsBuilder()
            .UseBatonResilience(o => o.TimeProvider = new FakeTimeProvider())
            .Build();

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(401, (int)ex.StatusCode!);
        Assert.Single(server.Requests);
    }

    private sealed class TimerWatchingTimeProvider : FakeTimeProvider
    {
        public ConcurrentQueue<TimeSpan> DueTimes { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            DueTimes.Enqueue(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
