using Baton.Cli.Models;
using Baton.Specs;

namespace Baton.Cli.Commands;

/// <summary>Which model each agent of a spec will use, and the rehearsal notice printed before a run.</summary>
internal sealed class ModelPlan
{
    private ModelPlan(PipelineSpec spec, SpecCompileOptions options, string defaultReason)
    {
        Options = options;
        // A person calls no model: they are listed apart, with who is asked.
        ByAgent = spec.Agents.Where(a => a.Human is null).ToDictionary(a => a.Name, a => SpecCompiler.ModelFor(spec, a, options), StringComparer.Ordinal);
        People = [
            .. spec.Agents.Where(a => a.Human is not null).Select(a => a.Human!.Assignee is { } who ? $"{a.Name} (asks {who})" : a.Name),
            .. spec.Agents.Where(a => a.Approve is { By: null }).Select(a => $"{ApprovalSpec.DefaultApprover(a.Name)} (approves {a.Name})"),
        ];
        DefaultReason = defaultReason;
    }

    public SpecCompileOptions Options { get; }

    public IReadOnlyDictionary<string, ModelReference> ByAgent { get; }

    public string DefaultReason { get; }

    /// <summary>Gets the agents a person answers, as printed: the name and who is asked.</summary>
    public IReadOnlyList<string> People { get; }

    public bool IsRehearsal => ByAgent.Values.Any(m => m.IsRehearsal);

    public static ModelPlan Create(PipelineSpec spec, ModelReference? modelOverride, CliModelResolver resolver)
    {
        var defaultModel = resolver.DefaultModel(out var why);
        return new ModelPlan(spec, new SpecCompileOptions { ModelOverride = modelOverride, DefaultModel = defaultModel }, modelOverride is null ? why : "--model");
    }

    public async Task PrintAsync(TextWriter writer)
    {
        if (IsRehearsal)
        {
            var reason = Options.ModelOverride is { IsRehearsal: true } ? "--model rehearsal was given" : DefaultReason == "no provider is configured" ? "no model provider is configured" : "the spec asks for it";
            await writer.WriteLineAsync($"REHEARSAL: {reason}, so agents answer with placeholder outputs shaped by their output contracts. No model is called and nothing is spent; token counts are estimates (4 characters per token), so budgets and limits still apply.").ConfigureAwait(false);
            await writer.WriteLineAsync("  To use a real model: set ANTHROPIC_API_KEY, or OPENAI_API_KEY (OPENAI_BASE_URL for vLLM, llama.cpp server, LM Studio),").ConfigureAwait(false);
            await writer.WriteLineAsync("  or pass --model anthropic:claude-sonnet-4-5 | openai:gpt-4o-mini | ollama:llama3 | gguf:path/to/model.gguf (or set 'model:' in the spec).").ConfigureAwait(false);
        }

        foreach (var group in ByAgent.GroupBy(p => p.Value.ToString(), StringComparer.Ordinal))
        {
            await writer.WriteLineAsync($"model {group.Key}: {string.Join(", ", group.Select(p => p.Key))}").ConfigureAwait(false);
        }

        if (People.Count > 0)
        {
            await writer.WriteLineAsync($"people (the run waits for their answers): {string.Join(", ", People)}").ConfigureAwait(false);
        }
    }
}
