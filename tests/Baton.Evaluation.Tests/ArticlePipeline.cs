using System.Text.Json;
using Baton.Agents;
using Baton.Evaluation.Datasets;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Evaluation.Tests;

/// <summary>The research -> writer -> editor pipeline of sample 01 over scripted models, for evaluation tests.</summary>
internal sealed class ArticlePipeline
{
    public const string Research = """{"summary":"Drought cuts wheat yields.","key_facts":["Wheat is most sensitive to drought during flowering."],"sources":["FAO 2021"]}""";

    private static readonly JsonElement s_schema = JsonDocument.Parse("""
        {"type":"object","required":["summary","key_facts","sources"],"properties":{"summary":{"type":"string"},"key_facts":{"type":"array","items":{"type":"string"},"minItems":1},"sources":{"type":"array","items":{"type":"string"}}}}
        """).RootElement.Clone();

    public Func<ScriptedRequest, string> Researcher { get; set; } = _ => Research;

    public Func<ScriptedRequest, string> Writer { get; set; } = _ => "Draft: drought cuts wheat yields; wheat is most sensitive during flowering.";

    public Func<ScriptedRequest, string> Editor { get; set; } = r => $"Article on {Topic(r)}: drought cuts wheat yields. Wheat is most sensitive during flowering.";

    /// <summary>Gets or sets the writer's contract, if it has one (its replies must then be JSON).</summary>
    public OutputContract? WriterContract { get; set; }

    public int WriterMaxReasks { get; set; } = 1;

    public Fallback? WriterFallback { get; set; }

    public int? EditorContextBudget { get; set; }

    public InMemoryRunStore Store { get; } = new();

    public ScriptedChatClient? ResearcherClient { get; private set; }

    public static string Topic(ScriptedRequest request)
    {
        var text = request.LastUserText;
        var at = text.IndexOf("## Task\n", StringComparison.Ordinal);
        return at < 0 ? "?" : text[(at + 8)..].Split('\n', 2)[0].Trim();
    }

    public Orchestration.Orchestration Build()
    {
        ResearcherClient = new ScriptedChatClient(Researcher);
        var researcher = new Agent("researcher", ResearcherClient)
        {
            Instructions = "Return JSON with summary, key_facts and sources.",
            Writes = "research",
            OutputFormat = AgentOutputFormat.Json,
            Contract = OutputContract.FromSchema(s_schema, "research"),
        };
        var writer = new Agent("writer", new ScriptedChatClient(Writer))
        {
            Instructions = "Write a draft from the research.",
            Reads = ["research"],
            Writes = "draft",
            OutputFormat = WriterContract is null ? AgentOutputFormat.Text : AgentOutputFormat.Json,
            Contract = WriterContract,
            MaxReasks = WriterMaxReasks,
            Fallback = WriterFallback,
        };
        var editor = new Agent("editor", new ScriptedChatClient(Editor))
        {
            Instructions = "Edit the draft.",
            Reads = ["draft"],
            Writes = "article",
            ContextBudget = EditorContextBudget,
        };
        return Pipeline.Sequential("article", researcher, writer, editor);
    }

    /// <summary>Gets or sets a change to the runner's options (worker id, redactor), if any.</summary>
    public Action<HandoffRunnerOptions>? ConfigureRunner { get; set; }

    public HandoffRunner Runner()
    {
        var options = new HandoffRunnerOptions { Store = Store };
        ConfigureRunner?.Invoke(options);
        return new(options);
    }

    public async Task<EvalReport> EvaluateAsync(string jsonl, EvalOptions? options = null)
    {
        var cases = Cases(jsonl);
        return await new EvalRunner(Runner(), options ?? new EvalOptions { Concurrency = 2 }).RunAsync(Build(), cases, TestContext.Current.CancellationToken);
    }

    public static IReadOnlyList<EvalCase> Cases(string jsonl)
    {
        var loaded = EvalDataset.ParseJsonl(jsonl, "cases.jsonl");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return loaded.Cases;
    }

    /// <summary>A judge model that answers every request with a callback and records what it was asked.</summary>
    public static ScriptedChatClient Judge(Func<ScriptedRequest, string> verdict) => new(verdict) { Name = "judge" };

    public static ChatResponse Reply(string text) => new(new ChatMessage(ChatRole.Assistant, text));
}
