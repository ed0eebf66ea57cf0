using System.ClientModel;
using System.Net;
using Anthropic.Exceptions;
using Baton.Providers.Tests.Wire;
using Baton.Resilience;
using Baton.Secrets;

namespace Baton.Providers.Tests;

/// <summary>Provider SDK error types become <see cref="ModelProviderException"/>s, so core's generic rules classify them.</summary>
public sealed class SdkErrorTests
{
    private static readonly SecretRedactor s_redactor = new("sk-secret-0123456789");

    [Fact]
    public void TryNormalize_OpenAIRateLimit_TransientWithRetryAfterMs()
    {
        using var response = new FakePipelineResponse(429, new() { ["retry-after-ms"] = "1500", ["Retry-After"] = "2" });

        var normalized = SdkErrors.TryNormalize(new ClientResultException("rate limited", response), "openai", s_redactor);

        Assert.Equal(HttpStatusCode.TooManyRequests, normalized?.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), normalized?.RetryAfter);
        Assert.True(TransientErrorClassifier.IsTransient(normalized!));
        Assert.True(TransientErrorClassifier.TryGetRetryAfter(normalized!, DateTimeOffset.UnixEpoch, out var after));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), after);
    }

    [Fact]
    public void TryNormalize_OpenAIBadRequest_NotTransient()
    {
        using var response = new FakePipelineResponse(400, []);

        var normalized = SdkErrors.TryNormalize(new ClientResultException("bad", response), "openai", s_redactor);

        Assert.False(TransientErrorClassifier.IsTransient(normalized!));
    }

    [Fact]
    public void TryNormalize_OpenAITransportFailureWithoutStatus_LeftToTheGenericRules()
    {
        var ex = new ClientResultException("connection reset", null, new HttpRequestException("reset"));

        Assert.Null(SdkErrors.TryNormalize(ex, "openai", s_redactor));
        Assert.True(TransientErrorClassifier.IsTransient(ex));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(529, true)]
    [InlineData(400, false)]
    public void TryNormalize_AnthropicApiException_StatusKept(int status, bool transient)
    {
        var ex = new AnthropicRateLimitException { StatusCode = (HttpStatusCode)status, ResponseBody = "{\"error\":{\"type\":\"x\",\"message\":\"key sk-secret-0123456789\"}}" };

        var normalized = SdkErrors.TryNormalize(ex, "anthropic", s_redactor);

        Assert.Equal(status, (int)normalized!.StatusCode!);
        Assert.Equal(transient, TransientErrorClassifier.IsTransient(normalized));
        Assert.DoesNotContain("sk-secret-0123456789", normalized.Message, StringComparison.Ordinal);
    }
}
