using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;
using Baton.Providers.Tests.Wire;
using Baton.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Providers.Tests;

/// <summary>
/// What every provider puts on the wire for Baton's two request-level promises: a JSON schema is enforced by the
/// provider's own mechanism with the contract's schema unchanged, and every request carries an output-token limit.
/// </summary>
public sealed class RequestShapeTests
{
    // minItems, maxLength, pattern and enum: keywords an SDK would move into descriptions or drop.
    private const string ContractSchema = """
        {"type":"object","properties":{
          "title":{"type":"string","maxLength":80,"pattern":"^[A-Z]"},
          "key_facts":{"type":"array","items":{"type":"string"},"minItems":1},
          "tone":{"type":"string","enum":["neutral","upbeat"]}},
         "required":["title","key_facts","tone"],"additionalProperties":false}
        """;

    private static readonly ChatMessage[] s_conversation =
    [
        new(ChatRole.System, "You are the researcher."),
        new(ChatRole.User, "## Task\nFind the facts.\n\n## Your role\nresearcher\n"),
    ];

    private static JsonElement Schema => JsonDocument.Parse(ContractSchema).RootElement.Clone();

    private static ChatOptions WithSchema(int? maxOutputTokens = null) =>
        new() { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "research_notes"), MaxOutputTokens = maxOutputTokens };

    private static ProviderSettings Settings(LoopbackServer server) => new()
    {
        AnthropicApiKey = "sk-ant-test-0123456789",
        AnthropicBaseUrl = server.BaseUrl,
        OpenAIApiKey = "sk-test-0123456789",
        OpenAIBaseUrl = new Uri(server.BaseUrl, "v1"),
        OllamaBaseUrl = server.BaseUrl,
        GetEnvironmentVariable = _ => null,
    };

    private static void AssertSameJson(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), JsonNode.Parse(actual.GetRawText())), $"expected {expected} but the request carried {actual}");

    [Fact]
    public async Task OpenAI_SchemaRequest_SendsJsonSchemaResponseFormatWithTheContractUnchanged()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("{}", 10, 2)));
        using var client = ChatClientFactory.Create("openai:gpt-test", Settings(server));

        await client.GetResponseAsync(s_conversation, WithSchema(), TestContext.Current.CancellationToken);

        var format = Assert.Single(server.Requests).Json.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("research_notes", format.GetProperty("json_schema").GetProperty("name").GetString());
        AssertSameJson(Schema, format.GetProperty("json_schema").GetProperty("schema"));

        // maxLength is outside OpenAI's strict subset, so the schema goes unchanged but not strict.
        Assert.False(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public async Task OpenAI_StrictCompatibleSchema_SentStrict()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("{}", 10, 2)));
        using var client = ChatClientFactory.Create("openai:gpt-test", Settings(server));
        var decision = JsonDocument.Parse("""
            {"type":"object","properties":{"next_agent":{"type":"string","enum":["billing","tech","DONE"]},"reasoning":{"type":"string"}},
             "required":["next_agent","reasoning"],"additionalProperties":false}
            """).RootElement;

        await client.GetResponseAsync(
            s_conversation, new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(decision, "decision") }, TestContext.Current.CancellationToken);

        var jsonSchema = Assert.Single(server.Requests).Json.GetProperty("response_format").GetProperty("json_schema");
        Assert.True(jsonSchema.GetProperty("strict").GetBoolean());
        AssertSameJson(decision, jsonSchema.GetProperty("schema"));
    }

    [Theory]
    [InlineData(null, 4096)]
    [InlineData(512, 512)]
    public async Task OpenAI_EveryRequest_CarriesTheOutputTokenLimit(int? requested, int sent)
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("ok", 10, 2)));
        using var client = ChatClientFactory.Create("openai:gpt-test", Settings(server));

        await client.GetResponseAsync(s_conversation, new ChatOptions { MaxOutputTokens = requested }, TestContext.Current.CancellationToken);
        await client.GetResponseAsync(s_conversation, WithSchema(requested), TestContext.Current.CancellationToken);

        Assert.All(server.Requests, r => Assert.Equal(sent, r.Json.GetProperty("max_completion_tokens").GetInt32()));
    }

    [Fact]
    public async Task OpenAI_FinishReasonLength_SurfacesAsLength()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OpenAIWire.Completion("{\"title\":\"cut", 10, 16, finishReason: "length")));
        using var client = ChatClientFactory.Create("openai:gpt-test", Settings(server));

        var response = await client.GetResponseAsync(s_conversation, WithSchema(16), TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Anthropic_SchemaRequest_SendsForcedToolWhoseInputSchemaIsTheContractUnchanged()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.ToolUse("research_notes", """{"title":"A","key_facts":["x"],"tone":"neutral"}""", 12, 9)));
        using var client = ChatClientFactory.Create("anthropic:claude-test", Settings(server));

        await client.GetResponseAsync(s_conversation, WithSchema(300), TestContext.Current.CancellationToken);

        var json = Assert.Single(server.Requests).Json;
        var tool = Assert.Single(json.GetProperty("tools").EnumerateArray());
        Assert.Equal("research_notes", tool.GetProperty("name").GetString());
        AssertSameJson(Schema, tool.GetProperty("input_schema"));
        Assert.Equal("tool", json.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Equal("research_notes", json.GetProperty("tool_choice").GetProperty("name").GetString());
        Assert.False(json.TryGetProperty("output_config", out _), "the keyword-stripped SDK output format must not be sent as well");
        Assert.Equal(300, json.GetProperty("max_tokens").GetInt32());
        Assert.Equal("claude-test", json.GetProperty("model").GetString());
        Assert.Contains("You are the researcher.", json.GetProperty("system").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Find the facts.", json.GetProperty("messages").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_ForcedToolReply_ReturnsTheToolInputAsTheReplyText()
    {
        const string Input = """{"title":"A","key_facts":["x","y"],"tone":"neutral"}""";
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.ToolUse("research_notes", Input, 12, 9)));
        using var client = ChatClientFactory.Create("anthropic:claude-test", Settings(server));

        var response = await client.GetResponseAsync(s_conversation, WithSchema(), TestContext.Current.CancellationToken);

        AssertSameJson(JsonDocument.Parse(Input).RootElement, JsonDocument.Parse(response.Text).RootElement);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(9, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Anthropic_ForcedToolStreamed_YieldsTheToolInputAsText()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.ToolUse("research_notes", """{"title":"A"}""", 12, 9)));
        using var client = ChatClientFactory.Create("anthropic:claude-test", Settings(server));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(s_conversation, WithSchema(), TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal("""{"title":"A"}""", updates.ToChatResponse().Text);
    }

    [Theory]
    [InlineData(null, 4096)]
    [InlineData(700, 700)]
    public async Task Anthropic_EveryRequest_CarriesTheOutputTokenLimit(int? requested, int sent)
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.Message("ok", 3, 1)));
        using var client = ChatClientFactory.Create("anthropic:claude-test", Settings(server));

        await client.GetResponseAsync(s_conversation, new ChatOptions { MaxOutputTokens = requested }, TestContext.Current.CancellationToken);
        await client.GetResponseAsync(s_conversation, WithSchema(requested), TestContext.Current.CancellationToken);

        Assert.All(server.Requests, r => Assert.Equal(sent, r.Json.GetProperty("max_tokens").GetInt32()));
    }

    [Fact]
    public async Task Anthropic_StopReasonMaxTokens_SurfacesAsLength()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(AnthropicWire.Message("A long answer that was", 3, 5, stopReason: "max_tokens")));
        using var client = ChatClientFactory.Create("anthropic:claude-test", Settings(server));

        var response = await client.GetResponseAsync(s_conversation, new ChatOptions { MaxOutputTokens = 5 }, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Ollama_SchemaRequest_SendsFormatSchemaAndNumPredict()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OllamaWire.Final("{}", 10, 2)));
        using var client = ChatClientFactory.Create("ollama:llama-test", Settings(server));

        await client.GetResponseAsync(s_conversation, WithSchema(256), TestContext.Current.CancellationToken);

        var json = Assert.Single(server.Requests).Json;
        AssertSameJson(Schema, json.GetProperty("format"));
        Assert.Equal(256, json.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task Ollama_RequestWithoutLimit_CarriesTheDefaultLimit()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OllamaWire.Final("ok", 10, 2)));
        using var client = ChatClientFactory.Create("ollama:llama-test", Settings(server));

        await client.GetResponseAsync(s_conversation, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4096, Assert.Single(server.Requests).Json.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task Ollama_DoneReasonLength_SurfacesAsLength()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json(OllamaWire.Final("cut", 10, 8, doneReason: "length")));
        using var client = ChatClientFactory.Create("ollama:llama-test", Settings(server));

        var response = await client.GetResponseAsync(s_conversation, new ChatOptions { MaxOutputTokens = 8 }, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Theory]
    [InlineData("openai:gpt-test", "json_schema")]
    [InlineData("anthropic:claude-test", "tool")]
    [InlineData("ollama:llama-test", "format")]
    public async Task GetService_ModelCapabilities_AnswersThroughBatonMiddleware(string model, string mechanism)
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Json("{}"));
        using var primary = ChatClientFactory.Create(model, Settings(server));
        using var client = primary.AsBuilder().UseBatonResilience().UseBatonFallback(new RehearsalChatClient()).Build();

        var capabilities = client.GetService<ModelCapabilities>();

        Assert.Equal(mechanism, capabilities?.StructuredOutput.Value);
        Assert.True(capabilities?.SupportsMaxOutputTokens);
    }

    [Fact]
    public async Task OpenAI_ServerSaysOutputDidNotMatchTheFormat_ModelOutputExceptionNotRetried()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(500,
            """{"error":{"code":500,"message":"The model produced output that does not match the expected peg-native format","type":"server_error"}}"""));
        using var client = ChatClientFactory.Create("openai:gpt-test", Settings(server))
            .AsBuilder().UseBatonResilience(o => o.TimeProvider = new FakeTimeProvider()).Build();

        var ex = await Assert.ThrowsAsync<ModelOutputException>(() => client.GetResponseAsync(s_conversation, WithSchema(), TestContext.Current.CancellationToken));

        Assert.Contains("does not match the expected peg-native format", ex.Message, StringComparison.Ordinal);
        Assert.Equal(500, (int)Assert.IsType<ModelProviderException>(ex.InnerException).StatusCode!);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Anthropic_ServerSaysOutputDidNotMatchTheFormat_ModelOutputException()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(500,
            """{"error":{"code":500,"message":"The model produced output that does not match the expected peg-native format","type":"server_error"}}"""));
        using var client = ChatClientFactory.Create("anthropic:claude-test", Settings(server));

        await Assert.ThrowsAsync<ModelOutputException>(() => client.GetResponseAsync(s_conversation, WithSchema(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAI_Plain500_StaysATransientProviderError()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(500, OpenAIWire.Error("server_error", "upstream hiccup")));
        using var client = ChatClientFactory.Create("openai:gpt-test", Settings(server));

        var ex = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync(s_conversation, cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(TransientErrorClassifier.IsTransient(ex));
    }
}
