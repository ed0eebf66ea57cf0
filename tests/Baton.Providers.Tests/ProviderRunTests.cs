using System.Text.Json;
using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Providers.Tests.Wire;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

/// <summary>
/// Whole runs over the wire, one per provider path (OpenAI-compatible, Anthropic, Ollama) against a loopback HTTP
/// server: supervisor decisions and JSON review verdicts go out with the provider's structured-output mechanism and
/// the role's output-token limit, the journal says which mechanism each call used, and a reply the server cut at the
/// limit (<c>finish_reason: length</c>, <c>stop_reason: max_tokens</c>, <c>done_reason: length</c>) is journaled as
/// truncated and re-asked with a note.
/// </summary>
public sealed class ProviderRunTests
{
    private const string Valid = """{"facts":[{"text":"wheat yields fall","source":"FAO 2023"}]}""";

    private static readonly OutputContract s_facts = OutputContract.FromSchema(
        JsonDocument.Parse("""
            {"type":"object","required":["facts"],"properties":{"facts":{"type":"array","minItems":1,
             "items":{"type":"object","required":["text","source"],"properties":{"text":{"type":"string"},"source":{"type":"string"}}}}}}
            """).RootElement,
        "research");

    public static TheoryData<string> Providers => ["openai", "anthropic", "ollama"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Supervisor_DecisionsOverTheWire_CarryTheMechanismAndTheSupervisorLimit(string provider)
    {
        var path = ProviderPath.Of(provider);
        var decisions = new Queue<string>([Decision("billing"), Decision("DONE")]);
        await using var server = LoopbackServer.Start(r => path.Reply(r, Kind(path, r) == "decision" ? decisions.Dequeue() : "Refund issued."));
        using var model = ChatClientFactory.Create(path.Model, path.Settings(server));
        var desk = Pipeline.Supervisor("desk", new Agent("dispatcher", model), new Agent("billing", model), new Agent("tech", model));

        var result = await new HandoffRunner().RunAsync(desk, "I was charged twice.", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var requests = server.Requests;
        Assert.Equal(["decision", "text", "decision"], requests.Select(r => Kind(path, r)));
        foreach (var decision in requests.Where(r => Kind(path, r) == "decision"))
        {
            var schema = path.Schema(decision.Json)!.Value;
            var names = schema.GetProperty("properties").GetProperty("next_agent").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
            Assert.Equal(["billing", "tech", "DONE"], names);
            Assert.Equal(BatonDefaults.SupervisorMaxOutputTokens, path.Limit(decision.Json));
        }

        Assert.Equal(BatonDefaults.AgentMaxOutputTokens, path.Limit(requests[1].Json));
        Assert.Equal(
            [("dispatcher", path.Mechanism), ("billing", "none"), ("dispatcher", path.Mechanism)],
            result.Journal.OfType<AgentCalled>().Select(c => (c.Agent!, c.StructuredOutput!.Value.Value)));
        Assert.Equal(["billing", "DONE"], result.Journal.OfType<RoutingDecided>().Select(d => d.NextAgent));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReviewLoop_JsonVerdictOverTheWire_CarriesTheMechanismAndTheReviewerLimit(string provider)
    {
        var path = ProviderPath.Of(provider);
        await using var server = LoopbackServer.Start(r => path.Reply(r, Kind(path, r) == "verdict" ? """{"verdict":"approved","feedback":"Ready."}""" : "A bottle that keeps drinks cold."));
        using var model = ChatClientFactory.Create(path.Model, path.Settings(server));
        var loop = Pipeline.ReviewLoop("polish", new Agent("writer", model), new Agent("editor", model), new ReviewLoopOptions { VerdictFormat = ReviewVerdictFormat.Json });

        var result = await new HandoffRunner().RunAsync(loop, "Announce the bottle.", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var review = server.Requests[1];
        Assert.Equal("verdict", Kind(path, review));
        var verdicts = path.Schema(review.Json)!.Value.GetProperty("properties").GetProperty("verdict").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["approved", "revise"], verdicts);
        Assert.Equal(BatonDefaults.ReviewerMaxOutputTokens, path.Limit(review.Json));
        Assert.Equal(BatonDefaults.AgentMaxOutputTokens, path.Limit(server.Requests[0].Json));
        Assert.Equal(
            [("writer", "none"), ("editor", path.Mechanism)],
            result.Journal.OfType<AgentCalled>().Select(c => (c.Agent!, c.StructuredOutput!.Value.Value)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Contract_ReplyCutAtTheLimitOverTheWire_JournaledTruncatedAndReaskedWithANote(string provider)
    {
        var path = ProviderPath.Of(provider);
        var replies = new Queue<(string Text, bool Cut)>([("""{"facts":[]}""", true), (Valid, false)]);
        await using var server = LoopbackServer.Start(r =>
        {
            var (text, cut) = replies.Dequeue();
            return path.Reply(r, text, cut);
        });
        using var model = ChatClientFactory.Create(path.Model, path.Settings(server));
        var researcher = new Agent("researcher", model) { Contract = s_facts, Writes = "research", MaxOutputTokens = 300 };

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", researcher), "Find the facts.", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.All(server.Requests, r => Assert.Equal(300, path.Limit(r.Json)));
        Assert.All(server.Requests, r => Assert.NotNull(path.Schema(r.Json)));
        Assert.Equal([true, false], result.Journal.OfType<AgentAnswered>().Select(a => a.Truncated));
        var failed = Assert.Single(result.Journal.OfType<ValidationFailed>());
        Assert.Equal("reask", failed.Next);
        Assert.Contains("cut off at the output-token limit (300 tokens)", failed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("cut off at the output-token limit", path.LastUserText(server.Requests[1].Json), StringComparison.Ordinal);
        Assert.Equal("FAO 2023", result.Context.Outputs["research"].Value.GetProperty("facts")[0].GetProperty("source").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Supervisor_DecisionCutAtTheLimitOverTheWire_ReaskedWithANote(string provider)
    {
        var path = ProviderPath.Of(provider);
        var decisions = new Queue<(string Text, bool Cut)>([("""{"next_agent":"billing"}""", true), (Decision("billing"), false), (Decision("DONE"), false)]);
        await using var server = LoopbackServer.Start(r =>
        {
            if (Kind(path, r) != "decision")
            {
                return path.Reply(r, "Refund issued.");
            }

            var (text, cut) = decisions.Dequeue();
            return path.Reply(r, text, cut);
        });
        using var model = ChatClientFactory.Create(path.Model, path.Settings(server));
        var desk = Pipeline.Supervisor("desk", new Agent("dispatcher", model), new Agent("billing", model));

        var result = await new HandoffRunner().RunAsync(desk, "I was charged twice.", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal([true, false, false, false], result.Journal.OfType<AgentAnswered>().Select(a => a.Truncated));
        var first = result.Journal.OfType<RoutingDecided>().First();
        Assert.Null(first.NextAgent);
        Assert.Contains("output-token limit", first.ParseError, StringComparison.Ordinal);
        Assert.Contains("cut off at the output-token limit", path.LastUserText(server.Requests[1].Json), StringComparison.Ordinal);
        Assert.Equal("billing", result.Journal.OfType<RoutingDecided>().ElementAt(1).NextAgent);
    }

    private static string Decision(string next) =>
        $$"""{"next_agent":"{{next}}","context_for_agent":"The customer was charged twice.","reasoning":"A billing question."}""";

    /// <summary>What a request asks for: a supervisor decision, a review verdict, another schema, or text.</summary>
    private static string Kind(ProviderPath path, RecordedRequest request) =>
        path.Schema(request.Json) is not { } schema ? "text"
        : schema.GetProperty("properties").TryGetProperty("next_agent", out _) ? "decision"
        : schema.GetProperty("properties").TryGetProperty("verdict", out _) ? "verdict"
        : "schema";

    /// <summary>One provider's wire: its model reference, where its requests carry the schema and the limit, and its replies.</summary>
    private sealed record ProviderPath(string Model, string Mechanism)
    {
        public static ProviderPath Of(string provider) => provider switch
        {
            "openai" => new("openai:gpt-test", "json_schema"),
            "anthropic" => new("anthropic:claude-test", "tool"),
            _ => new("ollama:llama-test", "format"),
        };

        private string Provider => Model[..Model.IndexOf(':', StringComparison.Ordinal)];

        public ProviderSettings Settings(LoopbackServer server) => new()
        {
            AnthropicApiKey = "sk-ant-test-0123456789",
            AnthropicBaseUrl = server.BaseUrl,
            OpenAIApiKey = "sk-test-0123456789",
            OpenAIBaseUrl = new Uri(server.BaseUrl, "v1"),
            OllamaBaseUrl = server.BaseUrl,
            GetEnvironmentVariable = _ => null,
        };

        /// <summary>Gets the JSON schema the request asks the server to enforce, if any.</summary>
        public JsonElement? Schema(JsonElement request) => Provider switch
        {
            "openai" => request.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var js) ? js.GetProperty("schema") : null,
            "anthropic" => request.TryGetProperty("tools", out var tools) && tools.GetArrayLength() == 1
                           && request.TryGetProperty("tool_choice", out var choice) && choice.GetProperty("type").GetString() == "tool"
                ? tools[0].GetProperty("input_schema")
                : null,
            _ => request.TryGetProperty("format", out var schema) && schema.ValueKind == JsonValueKind.Object ? schema : null,
        };

        /// <summary>Gets the output-token limit the request carries.</summary>
        public int Limit(JsonElement request) => Provider switch
        {
            "openai" => request.GetProperty("max_completion_tokens").GetInt32(),
            "anthropic" => request.GetProperty("max_tokens").GetInt32(),
            _ => request.GetProperty("options").GetProperty("num_predict").GetInt32(),
        };

        /// <summary>Gets the text of the request's last user message.</summary>
        public string LastUserText(JsonElement request)
        {
            var last = request.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user");
            var content = last.GetProperty("content");
            return content.ValueKind == JsonValueKind.String
                ? content.GetString()!
                : string.Concat(content.EnumerateArray().Where(b => b.TryGetProperty("text", out _)).Select(b => b.GetProperty("text").GetString()));
        }

        /// <summary>Answers <paramref name="text"/> the way this provider does (a forced tool's input when the request forced one), cut at the limit when <paramref name="cut"/>.</summary>
        public ServerReply Reply(RecordedRequest request, string text, bool cut = false) => Provider switch
        {
            "openai" => ServerReply.Json(OpenAIWire.Completion(text, 40, 12, finishReason: cut ? "length" : "stop")),
            "anthropic" when Schema(request.Json) is not null =>
                ServerReply.Json(AnthropicWire.ToolUse(request.Json.GetProperty("tool_choice").GetProperty("name").GetString()!, text, 40, 12, stopReason: cut ? "max_tokens" : "tool_use")),
            "anthropic" => ServerReply.Json(AnthropicWire.Message(text, 40, 12, stopReason: cut ? "max_tokens" : "end_turn")),
            _ => ServerReply.Json(OllamaWire.Final(text, 40, 12, doneReason: cut ? "length" : "stop")),
        };
    }
}
