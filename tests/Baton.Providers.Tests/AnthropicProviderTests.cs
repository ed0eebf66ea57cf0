using System.Net;
using System.Text.Json;
using Baton.Providers.Tests.Wire;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

public sealed class AnthropicProviderTests
{
    private const string Key = "sk-ant-test-0123456789-SECRET";

    private static IChatClient Client(LoopbackServer server) => ChatClientFactory.Create(
        ModelReference.Parse("anthropic:claude-test"),
        new ProviderSettings { AnthropicApiKey = Key, AnthropicBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null });

    // The SDK sends the key as x-api-key or, in 13.x, as a bearer token.
    private static string SentKeyHeader(RecordedRequest request) =>
        request.Header("x-api-key") ?? request.Header("Authorization") ?? string.Empty;

    private static ChatMessage[] Conversation() =>
    [
        new(ChatRole.System, "You are the researcher."),
        new(ChatRole.User, "## Task\nSummarise the findings.\n\n## Your role\nresearcher\n"),
    ];

    [Fact]
    public async Task GetResponse_SendsMessagesRequestWithModelSystemAndMaxTokens()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.Message("Findings: none.", 21, 4)));
        using var client = Client(server);

        await client.GetResponseAsync(Conversation(), new ChatOptions { MaxOutputTokens = 321 }, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Contains(Key, SentKeyHeader(request), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(request.Header("anthropic-version")));
        var json = request.Json;
        Assert.Equal("claude-test", json.GetProperty("model").GetString());
        Assert.Equal(321, json.GetProperty("max_tokens").GetInt32());
        Assert.Contains("You are the researcher.", json.GetProperty("system").GetRawText(), StringComparison.Ordinal);
        var message = Assert.Single(json.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Contains("Summarise the findings.", message.GetProperty("content").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_NoMaxOutputTokens_SendsSettingsDefault()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.Message("ok", 1, 1)));
        using var client = Client(server);

        await client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new ProviderSettings().DefaultMaxOutputTokens, Assert.Single(server.Requests).Json.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task GetResponse_MapsTextAndUsage()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.Message("Findings: none.", 21, 4)));
        using var client = Client(server);

        var response = await client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Findings: none.", response.Text);
        Assert.Equal(21, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.Equal("claude-test", response.ModelId);
    }

    [Fact]
    public async Task GetStreamingResponse_AssemblesSseDeltasAndUsage()
    {
        await using var server = LoopbackServer.Start(_ =>
            ServerReply.Stream("text/event-stream", AnthropicWire.Stream(["Find", "ings: ", "none."], 21, 4)));
        using var client = Client(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("Findings: none.", response.Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, "each text delta arrives as its own update");
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.True(Assert.Single(server.Requests).Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetResponse_429WithRetryAfter_ThrowsProviderExceptionWithStatusAndDelay()
    {
        await using var server = LoopbackServer.Start(_ =>
            ServerReply.Error(429, AnthropicWire.Error("rate_limit_error", "Number of requests has exceeded your rate limit."), retryAfter: "7"));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Equal("anthropic", ex.Provider);
        Assert.Contains("rate_limit_error", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests); // the SDK's own retries are off: Baton's middleware owns retries
    }

    [Fact]
    public async Task GetResponse_529Overloaded_ThrowsTransientProviderException()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(529, AnthropicWire.Error("overloaded_error", "Overloaded")));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(529, (int)ex.StatusCode!);
        Assert.True(ex.IsTransient);
        Assert.Contains("overloaded", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetStreamingResponse_429_ThrowsProviderExceptionWithStatus()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(429, AnthropicWire.Error("rate_limit_error", "slow down"), retryAfter: "2"));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
    }

    [Fact]
    public async Task GetResponse_ErrorBodyEchoesKey_KeyNeverInException()
    {
        // A misbehaving proxy echoes the credential back; it must still not reach a message or a stack dump.
        await using var server = LoopbackServer.Start(request =>
            ServerReply.Error(401, AnthropicWire.Error("authentication_error", $"invalid credential: {SentKeyHeader(request)}")));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(Key, SentKeyHeader(Assert.Single(server.Requests)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain(Key, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_JsonSchemaResponseFormat_ReturnsSchemaShapedText()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.Message("{\"title\":\"x\"}", 5, 5)));
        using var client = Client(server);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}""").RootElement;

        var response = await client.GetResponseAsync(
            Conversation(), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "draft") }, TestContext.Current.CancellationToken);

        Assert.Equal("x", JsonDocument.Parse(response.Text).RootElement.GetProperty("title").GetString());
        Assert.Contains("title", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }
}
