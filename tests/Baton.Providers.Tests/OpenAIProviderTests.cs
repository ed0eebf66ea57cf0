using System.Net;
using System.Text.Json;
using Baton.Providers.Tests.Wire;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

public sealed class OpenAIProviderTests
{
    private const string Key = "sk-proj-test-0123456789-SECRET";

    private static IChatClient Client(LoopbackServer server, string? key = Key) => ChatClientFactory.Create(
        ModelReference.Parse("openai:gpt-test"),
        new ProviderSettings { OpenAIApiKey = key, OpenAIBaseUrl = new Uri(server.BaseUrl, "v1"), GetEnvironmentVariable = _ => null });

    private static ChatMessage[] Conversation() =>
    [
        new(ChatRole.System, "You are the writer."),
        new(ChatRole.User, "## Task\nWrite the summary.\n\n## Your role\nwriter\n"),
    ];

    [Fact]
    public async Task GetResponse_SendsChatCompletionWithModelMessagesAndMaxTokens()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("A summary.", 30, 3)));
        using var client = Client(server);

        await client.GetResponseAsync(Conversation(), new ChatOptions { MaxOutputTokens = 222 }, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        var json = request.Json;
        Assert.Equal("gpt-test", json.GetProperty("model").GetString());
        var tokens = json.TryGetProperty("max_completion_tokens", out var t) ? t : json.GetProperty("max_tokens");
        Assert.Equal(222, tokens.GetInt32());
        var messages = json.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("You are the writer.", messages[0].GetProperty("content").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Write the summary.", messages[1].GetProperty("content").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_JsonSchemaResponseFormat_SendsJsonSchema()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("{\"title\":\"x\"}", 10, 5)));
        using var client = Client(server);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}""").RootElement;

        await client.GetResponseAsync(
            Conversation(), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "draft") }, TestContext.Current.CancellationToken);

        var format = Assert.Single(server.Requests).Json.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("draft", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("string", format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("title").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetResponse_MapsTextAndUsage()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("A summary.", 30, 3)));
        using var client = Client(server);

        var response = await client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("A summary.", response.Text);
        Assert.Equal(30, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.Equal(33, response.Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponse_AssemblesChunksAndUsage()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Stream("text/event-stream", OpenAIWire.Stream(["A ", "sum", "mary."], 30, 3)));
        using var client = Client(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("A summary.", response.Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, "each delta arrives as its own update");
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.True(Assert.Single(server.Requests).Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetResponse_429WithRetryAfter_ThrowsProviderExceptionWithStatusAndDelay()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(429, OpenAIWire.Error("rate_limit_exceeded", "Rate limit reached."), retryAfter: "3"));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        Assert.Equal("openai", ex.Provider);
        Assert.Contains("Rate limit reached.", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests); // no SDK retry
    }

    [Fact]
    public async Task GetStreamingResponse_503_ThrowsTransientProviderException()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(503, OpenAIWire.Error("server_error", "The server is overloaded.")));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetResponse_ErrorBodyEchoesKey_KeyNeverInException()
    {
        await using var server = LoopbackServer.Start(request =>
            ServerReply.Error(401, OpenAIWire.Error("invalid_request_error", $"Incorrect API key provided: {request.Header("Authorization")}")));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain(Key, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_CompatibleServerWithoutKey_SendsRequestsWithPlaceholderKey()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("local", 1, 1)));
        using var client = Client(server, key: null);

        var response = await client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("local", response.Text);
        Assert.Equal("Bearer no-key", Assert.Single(server.Requests).Header("Authorization"));
    }
}
