using System.Net;
using System.Text.Json;
using Baton.Providers.Tests.Wire;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

public sealed class OllamaProviderTests
{
    private static IChatClient Client(LoopbackServer server) => ChatClientFactory.Create(
        ModelReference.Parse("ollama:llama-test"),
        new ProviderSettings { OllamaBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null });

    private static ChatMessage[] Conversation() =>
    [
        new(ChatRole.System, "You are the editor."),
        new(ChatRole.User, "## Task\nEdit the draft.\n\n## Your role\neditor\n"),
    ];

    // OllamaSharp streams /api/chat even for a non-streaming call, so the server answers in NDJSON either way.
    private static ServerReply Answer(RecordedRequest request, string text) =>
        request.Json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.False
            ? ServerReply.Json(OllamaWire.Final(text, 40, 6))
            : ServerReply.Stream("application/x-ndjson", OllamaWire.Stream([.. text.Chunk(4).Select(c => new string(c))], 40, 6));

    [Fact]
    public async Task GetResponse_SendsChatRequestWithModelMessagesAndOptions()
    {
        await using var server = LoopbackServer.Start(r => Answer(r, "Edited."));
        using var client = Client(server);

        await client.GetResponseAsync(Conversation(), new ChatOptions { MaxOutputTokens = 123, Temperature = 0.25f }, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/chat", request.Path);
        var json = request.Json;
        Assert.Equal("llama-test", json.GetProperty("model").GetString());
        var messages = json.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("You are the editor.", messages[0].GetProperty("content").GetString());
        Assert.Equal(123, json.GetProperty("options").GetProperty("num_predict").GetInt32());
        Assert.Equal(0.25, json.GetProperty("options").GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task GetResponse_MapsTextAndUsage()
    {
        await using var server = LoopbackServer.Start(r => Answer(r, "Edited draft."));
        using var client = Client(server);

        var response = await client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Edited draft.", response.Text);
        Assert.Equal(40, response.Usage?.InputTokenCount);
        Assert.Equal(6, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponse_AssemblesNdjsonChunks()
    {
        await using var server = LoopbackServer.Start(r => Answer(r, "Edited draft."));
        using var client = Client(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal("Edited draft.", updates.ToChatResponse().Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3);
    }

    [Fact]
    public async Task GetResponse_JsonSchemaResponseFormat_SendsSchemaAsFormat()
    {
        await using var server = LoopbackServer.Start(r => Answer(r, "{\"title\":\"x\"}"));
        using var client = Client(server);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}""").RootElement;

        await client.GetResponseAsync(
            Conversation(), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "draft") }, TestContext.Current.CancellationToken);

        var format = Assert.Single(server.Requests).Json.GetProperty("format");
        Assert.Equal("object", format.GetProperty("type").GetString());
        Assert.Equal("title", Assert.Single(format.GetProperty("required").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task GetResponse_429WithRetryAfter_ThrowsProviderExceptionWithStatusAndDelay()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(429, """{"error":"too many requests"}""", retryAfter: "5"));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.RetryAfter);
        Assert.Equal("ollama", ex.Provider);
        Assert.Contains("too many requests", ex.Message, StringComparison.Ordinal);
    }
}
