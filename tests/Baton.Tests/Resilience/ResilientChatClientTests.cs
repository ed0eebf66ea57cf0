using System.Net;
using Baton.Orchestration;
using Baton.Resilience;
using Baton.Testing;
using Baton.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace Baton.Tests.Resilience;

public class ResilientChatClientTests
{
    private static readonly ChatMessage[] s_hello = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task GetResponse_429StormWithRetryAfter_WaitsAsToldThenSucceeds()
    {
        var time = new FakeTimeProvider();
        var calledAt = new List<DateTimeOffset>();
        var scripted = new ScriptedChatClient(_ => "ok");
        for (var i = 0; i < 3; i++)
        {
            scripted.Then((_, _) =>
            {
                calledAt.Add(time.GetUtcNow());
                throw Http(HttpStatusCode.TooManyRequests, retryAfter: "7");
            });
        }

        scripted.Then((_, _) =>
        {
            calledAt.Add(time.GetUtcNow());
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        });
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = time, BaseDelay = TimeSpan.FromMilliseconds(10) });

        var response = await time.DriveAsync(client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("ok", response.Text);
        Assert.Equal(4, scripted.CallCount);
        Assert.Equal(3, response.AdditionalProperties![BatonChatResponseProperties.Retries]);
        for (var i = 1; i < calledAt.Count; i++)
        {
            Assert.InRange(calledAt[i] - calledAt[i - 1], TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8));
        }
    }

    [Fact]
    public async Task GetResponse_Persistent500s_GivesUpAfterMaxRetries()
    {
        var time = new FakeTimeProvider();
        var scripted = new ScriptedChatClient(_ => throw Http(HttpStatusCode.InternalServerError));
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = time, MaxRetries = 3 });

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => time.DriveAsync(client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(4, scripted.CallCount);
    }

    [Fact]
    public async Task GetResponse_BadRequest_IsNotRetried()
    {
        var scripted = new ScriptedChatClient(_ => throw Http(HttpStatusCode.BadRequest));
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = new FakeTimeProvider() });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task GetResponse_AttemptTimesOut_RetriesAndSucceeds()
    {
        var time = new FakeTimeProvider();
        var scripted = new ScriptedChatClient()
            .Then(async (_, ct) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "never"));
            })
            .Then("on time");
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = time, AttemptTimeout = TimeSpan.FromSeconds(5) });

        var response = await time.DriveAsync(client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("on time", response.Text);
        Assert.Equal(1, response.AdditionalProperties![BatonChatResponseProperties.Retries]);
    }

    [Fact]
    public async Task GetResponse_CallerCancels_IsNeverRetried()
    {
        using var cts = new CancellationTokenSource();
        var scripted = new ScriptedChatClient((_, _) =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = new FakeTimeProvider() });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(s_hello, cancellationToken: cts.Token));

        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task GetResponse_RetryAfterLongerThanMaxRetryAfter_GivesUpAtOnce()
    {
        var scripted = new ScriptedChatClient(_ => throw Http(HttpStatusCode.TooManyRequests, retryAfter: "3600"));
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = new FakeTimeProvider(), MaxRetryAfter = TimeSpan.FromMinutes(1) });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task GetStreamingResponse_FailsBeforeFirstUpdate_RetriedAndFirstUpdateCarriesRetries()
    {
        var scripted = new ScriptedChatClient()
            .ThenThrow(Http(HttpStatusCode.ServiceUnavailable))
            .Then("streamed answer");
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = new FakeTimeProvider(), BaseDelay = TimeSpan.Zero });

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal("streamed answer", updates.ToChatResponse().Text);
        Assert.Equal(1, updates[0].AdditionalProperties![BatonChatResponseProperties.Retries]);
        Assert.Equal(2, scripted.CallCount);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new ChatResilienceOptions { MaxRetries = -1, BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.Zero };

        var ex = Assert.Throws<OrchestrationConfigurationException>(() => new ResilientChatClient(new ScriptedChatClient(), options));

        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDelay", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AttemptTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_ModelOutputException_IsNeverRetriedEvenWhenShouldRetrySaysSo()
    {
        var scripted = new ScriptedChatClient(_ => throw new ModelOutputException("The model produced output that does not match the expected format."));
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = new FakeTimeProvider(), ShouldRetry = _ => true });

        await Assert.ThrowsAsync<ModelOutputException>(() => client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(1, scripted.CallCount);
    }

    [Fact]
    public async Task GetResponse_RetryAfterLongerThanMaxDelay_WaitsTheWholeRetryAfter()
    {
        var time = new FakeTimeProvider();
        var calledAt = new List<DateTimeOffset>();
        var scripted = new ScriptedChatClient()
            .Then((_, _) =>
            {
                calledAt.Add(time.GetUtcNow());
                throw Http(HttpStatusCode.ServiceUnavailable, retryAfter: "45");
            })
            .Then((_, _) =>
            {
                calledAt.Add(time.GetUtcNow());
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
            });
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = time, MaxDelay = TimeSpan.FromSeconds(30) });

        await time.DriveAsync(client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1));

        Assert.InRange(calledAt[1] - calledAt[0], TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(46));
    }

    [Fact]
    public async Task GetResponse_WithoutJitter_PollyBackoffDoublesUpToMaxDelay()
    {
        var time = new FakeTimeProvider();
        var calledAt = new List<DateTimeOffset>();
        var scripted = new ScriptedChatClient((_, _) =>
        {
            calledAt.Add(time.GetUtcNow());
            throw Http(HttpStatusCode.BadGateway);
        });
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions
        {
            TimeProvider = time,
            MaxRetries = 4,
            UseJitter = false,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(3),
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => time.DriveAsync(client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken)));

        var gaps = calledAt.Zip(calledAt.Skip(1), (a, b) => Math.Round((b - a).TotalSeconds)).ToList();
        Assert.Equal([1d, 2d, 3d, 3d], gaps);
    }

    [Fact]
    public async Task GetResponse_EveryAttemptTimesOut_MessageNamesThePerAttemptLimitAndHowToRaiseIt()
    {
        var time = new FakeTimeProvider();
        var scripted = new ScriptedChatClient(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "never"));
        });
        using var client = new ResilientChatClient(scripted, new ChatResilienceOptions { TimeProvider = time, MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(100) });

        var ex = await Assert.ThrowsAsync<TimeoutRejectedException>(
            () => time.DriveAsync(client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1)));

        Assert.Contains("per-attempt time limit of 100 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("attempt_timeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(100), ex.Timeout);
        Assert.Equal(2, scripted.CallCount);
    }

    [Fact]
    public async Task UseBatonResilience_NoClockOrLoggerSet_TakesThemFromTheBuildersServices()
    {
        var time = new FakeTimeProvider();
        var logs = new CollectingLoggerFactory();
        var services = new ServiceMap((typeof(TimeProvider), time), (typeof(ILoggerFactory), logs));
        var scripted = new ScriptedChatClient().ThenThrow(Http(HttpStatusCode.ServiceUnavailable, retryAfter: "5")).Then("ok");
        using var client = scripted.AsBuilder().UseBatonResilience().Build(services);

        var call = client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken);
        var response = await time.DriveAsync(call, TimeSpan.FromSeconds(1));

        Assert.Equal("ok", response.Text);
        Assert.True(time.GetUtcNow() - time.Start >= TimeSpan.FromSeconds(5), "the retry waited on the registered fake clock");
        Assert.Contains(logs.Messages, m => m.Contains("retry 1 in 5 s", StringComparison.Ordinal));
    }

    internal static HttpRequestException Http(HttpStatusCode status, string? retryAfter = null)
    {
        var ex = new HttpRequestException($"HTTP {(int)status}", null, status);
        if (retryAfter is not null)
        {
            ex.Data[TransientErrorClassifier.RetryAfterDataKey] = retryAfter;
        }

        return ex;
    }
}
