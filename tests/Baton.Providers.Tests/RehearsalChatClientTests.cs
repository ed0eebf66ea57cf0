using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

public sealed class RehearsalChatClientTests
{
    private static ChatMessage[] Prompt(string role, string system = "You are helpful.", string body = "## Task\nDo it.\n\n## Completed steps\nNone yet\n") =>
    [
        new(ChatRole.System, system),
        new(ChatRole.User, $"{body}\n## Your role\n{role}\n"),
    ];

    private static async Task<ChatResponse> AskAsync(ChatMessage[] messages, ChatOptions? options = null)
    {
        using var client = new RehearsalChatClient();
        return await client.GetResponseAsync(messages, options, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task GetResponse_PlainPrompt_AnswersPlaceholderNamingRole()
    {
        var response = await AskAsync(Prompt("writer"));

        Assert.Equal("<rehearsal output for writer>", response.Text);
        Assert.Equal(RehearsalChatClient.ModelId, response.ModelId);
    }

    [Fact]
    public async Task GetResponse_ReportsUsageEstimateOfFourCharactersPerToken()
    {
        var messages = Prompt("writer");
        var response = await AskAsync(messages);

        var requestChars = string.Join('\n', messages.Select(m => m.Text)).Length;
        Assert.Equal((requestChars + 3) / 4, response.Usage?.InputTokenCount);
        Assert.Equal(("<rehearsal output for writer>".Length + 3) / 4, response.Usage?.OutputTokenCount);
        Assert.Equal(response.Usage?.InputTokenCount + response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount);
    }

    public static TheoryData<string> Schemas() =>
    [
        """{"type":"object","properties":{"title":{"type":"string","minLength":40},"tags":{"type":"array","items":{"type":"string"},"minItems":2},"score":{"type":"integer","minimum":3,"maximum":9},"ratio":{"type":"number","exclusiveMinimum":0.5,"maximum":1},"ok":{"type":"boolean"}},"required":["title","tags","score","ratio","ok"],"additionalProperties":false}""",
        """{"type":"object","properties":{"level":{"enum":["low","high"]},"note":{"type":["string","null"],"maxLength":5},"when":{"type":"string","format":"date-time"},"mail":{"type":"string","format":"email"}},"required":["level","note","when","mail"]}""",
        """{"$defs":{"fact":{"type":"object","properties":{"claim":{"type":"string"},"source":{"type":"string","format":"uri"}},"required":["claim","source"]}},"type":"object","properties":{"facts":{"type":"array","items":{"$ref":"#/$defs/fact"},"maxItems":3},"summary":{"anyOf":[{"type":"null"},{"type":"string"}]}},"required":["facts","summary"]}""",
        """{"allOf":[{"type":"object","properties":{"a":{"type":"integer","multipleOf":5,"minimum":7}},"required":["a"]},{"properties":{"b":{"const":"fixed"}},"required":["b"]}]}""",
        """{"type":"object","properties":{"optional_only":{"type":"string"},"nested":{"type":"object","properties":{"deep":{"type":"array","items":{"type":"number","minimum":-3,"maximum":-1}}}}}}""",
    ];

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task GetResponse_JsonSchemaFormat_AnswerValidatesAgainstSchema(string schemaText)
    {
        var schemaElement = JsonDocument.Parse(schemaText).RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schemaElement, "output") };

        var response = await AskAsync(Prompt("researcher"), options);

        var schema = JsonSchema.FromText(schemaText);
        var result = schema.Evaluate(JsonDocument.Parse(response.Text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{response.Text} is not valid: {JsonSerializer.Serialize(result.Details?.Where(d => d.Errors is not null).Select(d => d.Errors))}");
    }

    [Fact]
    public async Task GetResponse_JsonSchemaFormat_StringsNameTheirField()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}""").RootElement;

        var response = await AskAsync(Prompt("researcher"), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) });

        Assert.Equal("""{"summary":"<rehearsal: summary>"}""", response.Text);
    }

    [Fact]
    public async Task GetResponse_JsonWithoutSchemaOrInstructionsAskingJson_AnswersJsonObject()
    {
        var viaFormat = await AskAsync(Prompt("researcher"), new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        var viaInstructions = await AskAsync(Prompt("researcher", system: "Return JSON with 'summary' and 'key_facts'."));

        Assert.Equal("<rehearsal output for researcher>", JsonDocument.Parse(viaFormat.Text).RootElement.GetProperty("rehearsal").GetString());
        Assert.Equal(viaFormat.Text, viaInstructions.Text);
    }

    [Fact]
    public async Task GetResponse_ReviewPrompt_Approves()
    {
        var response = await AskAsync(Prompt("editor", system: "Answer APPROVED: <why> when the draft is ready, else REVISE: <what to change>."));

        Assert.StartsWith("APPROVED: ", response.Text, StringComparison.Ordinal);
    }

    private const string SupervisorSystem =
        "You route work. Answer JSON {\"next_agent\": \"<name>|DONE\", \"context_for_agent\": \"...\", \"reasoning\": \"...\"}.";

    public static TheoryData<string> AgentListings() =>
    [
        "Allowed agents: classifier, billing, tech",
        "## Agents\n- classifier: sorts the ticket\n- billing: refunds and invoices\n- `tech`: outages\n",
        "Available agent names: `classifier` | `billing` | `tech` | DONE",
    ];

    [Theory]
    [MemberData(nameof(AgentListings))]
    public async Task GetResponse_SupervisorPrompts_RouteThroughEachListedAgentOnceThenDone(string listing)
    {
        string Decide(string completed) => JsonDocument.Parse(
            AskAsync(Prompt("supervisor", SupervisorSystem, $"## Task\nHelp.\n\n## Completed steps\n{completed}\n\n{listing}\n")).Result.Text)
            .RootElement.GetProperty("next_agent").GetString()!;

        Assert.Equal("classifier", Decide("None yet"));
        Assert.Equal("billing", Decide("1. classifier: said billing"));
        Assert.Equal("tech", Decide("1. classifier: said billing\n2. billing: refunded"));
        Assert.Equal("DONE", Decide("1. classifier: x\n2. billing: y\n3. tech: z"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task GetResponse_SupervisorAgentNameIsPrefixOfAnother_OnlyExactNameCountsAsDone()
    {
        var response = await AskAsync(Prompt("supervisor", SupervisorSystem,
            "## Task\nHelp.\n\n## Completed steps\n1. tech-lead: planned\n\nAllowed agents: tech-lead, tech\n"));

        Assert.Equal("tech", JsonDocument.Parse(response.Text).RootElement.GetProperty("next_agent").GetString());
    }

    [Fact]
    public async Task GetResponse_SupervisorWithSchemaEnum_UsesEnumAndAnswersAllFields()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"next_agent":{"enum":["alpha","beta","DONE"]},"context_for_agent":{"type":"string"},"reasoning":{"type":"string"}},"required":["next_agent","context_for_agent","reasoning"]}""").RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) };

        var response = await AskAsync(Prompt("supervisor", SupervisorSystem, "## Task\nHelp.\n\n## Input `a` (from alpha, step 1)\nfoo\n"), options);

        var decision = JsonDocument.Parse(response.Text).RootElement;
        Assert.Equal("beta", decision.GetProperty("next_agent").GetString());
        Assert.Equal("<rehearsal: context for beta>", decision.GetProperty("context_for_agent").GetString());
        Assert.False(string.IsNullOrEmpty(decision.GetProperty("reasoning").GetString()));
    }

    [Fact]
    public async Task GetResponse_SameRequestTwice_SameAnswer()
    {
        var schema = JsonDocument.Parse(Schemas().First().Data).RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) };

        var first = await AskAsync(Prompt("x"), options);
        var second = await AskAsync(Prompt("x"), options);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task GetStreamingResponse_MatchesNonStreamingAnswerAndUsage()
    {
        using var client = new RehearsalChatClient();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Prompt("writer"), cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var streamed = updates.ToChatResponse();
        var whole = await AskAsync(Prompt("writer"));
        Assert.Equal(whole.Text, streamed.Text);
        Assert.Equal(whole.Usage?.TotalTokenCount, streamed.Usage?.TotalTokenCount);
    }

    [Fact]
    public void Notice_SaysItIsARehearsalAndHowToConfigureAModel()
    {
        Assert.Contains("Rehearsal", RehearsalChatClient.Notice, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY", RehearsalChatClient.Notice, StringComparison.Ordinal);
        Assert.Contains("--model", RehearsalChatClient.Notice, StringComparison.Ordinal);
    }
}
