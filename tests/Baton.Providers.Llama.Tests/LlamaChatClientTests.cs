using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Llama.Tests;

public sealed class LlamaChatClientTests
{
    private static readonly ChatMessage[] s_plain =
    [
        new(ChatRole.System, "You are the writer."),
        new(ChatRole.User, "## Task\nWrite a title.\n\n## Your role\nwriter\n"),
    ];

    private static ChatMessage[] SupervisorPrompt() =>
    [
        new(ChatRole.System, "You are the supervisor. Answer only with JSON: {\"next_agent\": \"<name>|DONE\", \"context_for_agent\": \"...\", \"reasoning\": \"...\"}."),
        new(ChatRole.User, "## Task\nRefund a double charge.\n\n## Completed steps\nNone yet\n\nAllowed agents: billing, tech\n\n## Your role\nsupervisor\n"),
    ];

    private static ChatMessage[] ReviewPrompt() =>
    [
        new(ChatRole.System, "You review drafts. Start your answer with APPROVED: or REVISE: followed by your feedback."),
        new(ChatRole.User, "## Task\nReview the draft.\n\n## Your role\neditor\n"),
    ];

    private static LlamaChatClient Small(string path, uint seed = 42) => TinyModel.Load(path, o =>
    {
        o.Seed = seed;
        o.MaxOutputTokens = 600;
        o.MaxGrammarDepth = 2;
        o.MaxGrammarMembers = 3;
        o.MaxGrammarStringLength = 12;
    });

    [Fact]
    public void Load_TinyModel_ReadsMetadataAndName()
    {
        using var client = TinyModel.Load(TinyModel.Write("chatml"));

        Assert.Equal("baton-tiny-test", client.ModelId);
        Assert.Equal("llama", client.Metadata["general.architecture"]);
        Assert.Equal("2", client.Metadata["llama.block_count"]);
        Assert.Equal("baton-tiny-test", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void FormatPrompt_ChatMlTemplateInGguf_AppliesModelTemplate()
    {
        using var client = TinyModel.Load(TinyModel.Write("chatml"));

        var prompt = client.FormatPrompt(s_plain);

        Assert.Equal(ChatTemplateSource.Model, client.TemplateSource);
        Assert.Equal(
            "<|im_start|>system\nYou are the writer.<|im_end|>\n<|im_start|>user\n## Task\nWrite a title.\n\n## Your role\nwriter\n<|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void FormatPrompt_Llama2TemplateInGguf_FollowsThatTemplate()
    {
        const string Llama2 = "{% for message in messages %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'system' %}{{ '<<SYS>>\\n' + message['content'] + '\\n<</SYS>>\\n\\n' }}{% else %}{{ message['content'] + eos_token }}{% endif %}{% endfor %}";
        using var client = TinyModel.Load(TinyModel.Write("llama2", new TinyGgufWriter { ChatTemplate = Llama2 }));

        var prompt = client.FormatPrompt(s_plain);

        Assert.Equal(ChatTemplateSource.Model, client.TemplateSource);
        Assert.Contains("[INST]", prompt, StringComparison.Ordinal);
        Assert.Contains("You are the writer.", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("<|im_start|>", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatPrompt_NoTemplateInGguf_UsesChatMlFallback()
    {
        using var client = TinyModel.Load(TinyModel.Write("no-template", new TinyGgufWriter { ChatTemplate = null }));

        var prompt = client.FormatPrompt(s_plain);

        Assert.Equal(ChatTemplateSource.Fallback, client.TemplateSource);
        Assert.StartsWith("<|im_start|>system\nYou are the writer.<|im_end|>\n", prompt, StringComparison.Ordinal);
        Assert.EndsWith("<|im_start|>assistant\n", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public async Task GetResponse_JsonResponseFormat_RandomModelOutputParsesAsJsonObject(uint seed)
    {
        using var client = Small(TinyModel.Write("chatml"), seed);

        var response = await client.GetResponseAsync(s_plain, new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(response.Text);
        using var doc = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.True(response.Usage?.OutputTokenCount > 0);
        Assert.True(response.Usage?.InputTokenCount > 0);
    }

    private const string ArticleSchema = """
        {"type":"object","properties":{
          "title":{"type":"string","maxLength":10},
          "tone":{"enum":["calm","urgent"]},
          "year":{"type":"integer","minimum":0},
          "tags":{"type":"array","items":{"type":"string","maxLength":4},"minItems":1,"maxItems":2},
          "meta":{"type":"object","properties":{"draft":{"type":"boolean"},"score":{"type":["number","null"]}},"required":["draft","score"]},
          "optional":{"type":"string"}},
         "required":["title","tone","year","tags","meta"],"additionalProperties":false}
        """;

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public async Task GetResponse_JsonSchemaFormat_RandomModelOutputValidatesAgainstSchema(uint seed)
    {
        using var client = Small(TinyModel.Write("chatml"), seed);
        var schema = JsonDocument.Parse(ArticleSchema).RootElement;

        var response = await client.GetResponseAsync(
            s_plain, new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "article") }, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(response.Text);
        var result = Json.Schema.JsonSchema.FromText(ArticleSchema).Evaluate(JsonDocument.Parse(response.Text).RootElement);
        Assert.True(result.IsValid, response.Text);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public async Task GetResponse_SupervisorPrompt_RandomModelAnswersValidDecisionNamingAllowedAgent(uint seed)
    {
        using var client = Small(TinyModel.Write("chatml"), seed);

        var response = await client.GetResponseAsync(SupervisorPrompt(), cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(response.Text);
        using var doc = JsonDocument.Parse(response.Text);
        Assert.Contains(doc.RootElement.GetProperty("next_agent").GetString(), new[] { "billing", "tech", "DONE" });
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("context_for_agent").ValueKind);
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("reasoning").ValueKind);
    }

    [Fact]
    public async Task GetResponse_ReviewPrompt_RandomModelAnswersWithVerdict()
    {
        using var client = Small(TinyModel.Write("chatml"));

        var response = await client.GetResponseAsync(ReviewPrompt(), new ChatOptions { MaxOutputTokens = 40 }, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(response.Text);
        Assert.Matches("^(APPROVED|REVISE): ", response.Text);
    }

    [Fact]
    public async Task GetResponse_SameSeed_SameAnswer()
    {
        using var client = Small(TinyModel.Write("chatml"), seed: 5);

        var first = await client.GetResponseAsync(SupervisorPrompt(), cancellationToken: TestContext.Current.CancellationToken);
        var second = await client.GetResponseAsync(SupervisorPrompt(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task GetStreamingResponse_PlainPrompt_StreamsPiecesAndUsage()
    {
        using var client = Small(TinyModel.Write("chatml"));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(s_plain, new ChatOptions { MaxOutputTokens = 8 }, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.InRange(response.Usage?.OutputTokenCount ?? 0, 1, 8);
        Assert.True(updates.Count >= 2);
    }

    [Fact]
    public void SelectGrammar_PlainPrompt_IsUnconstrained()
    {
        using var client = Small(TinyModel.Write("chatml"));

        Assert.Null(client.SelectGrammar(s_plain, null));
        Assert.Contains("\"\\\"billing\\\"\"", client.SelectGrammar(SupervisorPrompt(), null), StringComparison.Ordinal);
    }

    [Fact]
    public void SelectGrammar_SupervisorPromptWithDecisionSchema_GrammarFollowsTheSchemaNotThePrompt()
    {
        using var client = TinyModel.Load(TinyModel.Write("chatml"));
        var schema = JsonDocument.Parse("""
            {"type":"object","properties":{"next_agent":{"type":"string","enum":["billing","DONE"]},"why":{"type":"string","maxLength":20}},
             "required":["next_agent","why"],"additionalProperties":false}
            """).RootElement;

        var grammar = client.SelectGrammar(SupervisorPrompt(), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "decision") });

        Assert.Contains("why", grammar, StringComparison.Ordinal);
        Assert.DoesNotContain("context_for_agent", grammar, StringComparison.Ordinal);
        Assert.DoesNotContain("tech", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_GgufReferenceWithLlama_LoadsLlamaChatClient()
    {
        var path = TinyModel.Write("chatml");
        using var probe = TinyModel.Load(path); // skips here when the native backend cannot run

        using var client = ChatClientFactory.Create(ModelReference.Parse("gguf:" + path), ProviderSettings.Default.WithLlama(o => o.ContextSize = 512));

        Assert.IsType<LlamaChatClient>(client);
    }

    [Fact]
    public void Create_GgufReferenceWithoutLlama_ExplainsHowToEnable()
    {
        var ex = Assert.Throws<ProviderConfigurationException>(() => ChatClientFactory.Create(ModelReference.Parse("gguf:x.gguf"), ProviderSettings.Default));

        Assert.Contains("WithLlama", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingFile_ThrowsNamingPath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new LlamaChatClient(new LlamaChatClientOptions { ModelPath = "/nowhere/model.gguf" }));

        Assert.Contains("/nowhere/model.gguf", ex.Message, StringComparison.Ordinal);
    }
}
