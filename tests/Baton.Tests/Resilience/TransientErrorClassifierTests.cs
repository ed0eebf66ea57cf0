using System.Net;
using Baton.Resilience;
using Polly.Timeout;

namespace Baton.Tests.Resilience;

public class TransientErrorClassifierTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(529, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(501, false)]
    public void IsTransient_HttpStatus_MatchesTransientSet(int status, bool transient)
    {
        Assert.Equal(transient, TransientErrorClassifier.IsTransient(new HttpRequestException("x", null, (HttpStatusCode)status)));
    }

    [Fact]
    public void IsTransient_ClientResultExceptionWithoutResponse_NetworkFailureIsTransient()
    {
        // System.ClientModel (OpenAI SDK) reports transport failures without a response: status 0, inner HttpRequestException.
        var ex = new System.ClientModel.ClientResultException("connection reset", null, new HttpRequestException("reset"));

        Assert.True(TransientErrorClassifier.IsTransient(ex));
    }

    [Fact]
    public void ClientResultException_OpenAiRateLimit_TransientWithRetryAfterMs()
    {
        using var response = new Fakes.FakePipelineResponse(429, new() { ["retry-after-ms"] = "1500", ["Retry-After"] = "2" });
        var ex = new System.ClientModel.ClientResultException("rate limited", response);

        Assert.True(TransientErrorClassifier.IsTransient(ex));
        Assert.True(TransientErrorClassifier.TryGetRetryAfter(ex, DateTimeOffset.UnixEpoch, out var after));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), after);
    }

    [Fact]
    public void ClientResultException_BadRequest_NotTransient()
    {
        using var response = new Fakes.FakePipelineResponse(400, []);

        Assert.False(TransientErrorClassifier.IsTransient(new System.ClientModel.ClientResultException("bad", response)));
    }

    [Fact]
    public void IsTransient_TimeoutsAndWrappedTimeouts_AreTransient()
    {
        Assert.True(TransientErrorClassifier.IsTransient(new TimeoutRejectedException()));
        Assert.True(TransientErrorClassifier.IsTransient(new TaskCanceledException("HttpClient.Timeout", new TimeoutException())));
        Assert.True(TransientErrorClassifier.IsTransient(new InvalidOperationException("wrapped", new HttpRequestException("y", null, HttpStatusCode.ServiceUnavailable))));
    }

    [Fact]
    public void IsTransient_CancellationAndBugs_AreNotTransient()
    {
        Assert.False(TransientErrorClassifier.IsTransient(new OperationCanceledException()));
        Assert.False(TransientErrorClassifier.IsTransient(new ArgumentException("bad")));
    }

    [Fact]
    public void IsTransient_AnthropicSdkExceptionTypes_ClassifiedByType()
    {
        Assert.True(TransientErrorClassifier.IsTransient(new Anthropic.Exceptions.AnthropicRateLimitException()));
        Assert.True(TransientErrorClassifier.IsTransient(new Anthropic.Exceptions.Anthropic5xxException("Status Code: 529\noverloaded_error")));
        Assert.False(TransientErrorClassifier.IsTransient(new Anthropic.Exceptions.AnthropicBadRequestException()));
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("0.5", 0.5)]
    public void TryGetRetryAfter_Seconds_Parsed(string header, double seconds)
    {
        var ex = ResilientChatClientTests.Http(HttpStatusCode.TooManyRequests, header);

        Assert.True(TransientErrorClassifier.TryGetRetryAfter(ex, DateTimeOffset.UnixEpoch, out var after));
        Assert.Equal(TimeSpan.FromSeconds(seconds), after);
    }

    [Fact]
    public void TryGetRetryAfter_HttpDate_RelativeToNow()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var ex = ResilientChatClientTests.Http(HttpStatusCode.ServiceUnavailable, now.AddSeconds(30).ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(TransientErrorClassifier.TryGetRetryAfter(ex, now, out var after));
        Assert.Equal(TimeSpan.FromSeconds(30), after);
    }
}
