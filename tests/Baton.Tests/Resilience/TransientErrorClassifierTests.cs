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
    public void IsTransient_ModelOutputException_IsNotTransientEvenWrapped()
    {
        Assert.False(TransientErrorClassifier.IsTransient(new ModelOutputException("output did not match the format")));
        Assert.False(TransientErrorClassifier.IsTransient(new InvalidOperationException("wrapped", new ModelOutputException("bad output"))));
    }

    [Fact]
    public void TryGetRetryAfter_HugeSeconds_ClampedInsteadOfOverflowing()
    {
        var ex = ResilientChatClientTests.Http(HttpStatusCode.TooManyRequests, "1e300");

        Assert.True(TransientErrorClassifier.TryGetRetryAfter(ex, DateTimeOffset.UnixEpoch, out var after));
        Assert.Equal(TimeSpan.FromDays(1), after);
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
