using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Cli.Models;

/// <summary>Resolves model references to chat clients from the environment: API keys and base URLs are read here and never printed.</summary>
internal sealed class CliModelResolver(CliConsole console) : IModelResolver
{
    public const string AnthropicDefaultModel = "claude-sonnet-4-5";
    public const string OpenAIDefaultModel = "gpt-4o-mini";

    /// <summary>Gets the model for agents that name none: BATON_MODEL, else the first provider with a key, else rehearsal.</summary>
    public ModelReference DefaultModel(out string why)
    {
        if (console.GetEnvironmentVariable("BATON_MODEL") is { Length: > 0 } configured
            && ModelReference.TryParse(configured, out var fromEnvironment, out _))
        {
            why = "from BATON_MODEL";
            return fromEnvironment!;
        }

        if (IsSet("ANTHROPIC_API_KEY"))
        {
            why = "ANTHROPIC_API_KEY is set";
            return new ModelReference("anthropic", AnthropicDefaultModel);
        }

        if (IsSet("OPENAI_API_KEY") || IsSet("OPENAI_BASE_URL"))
        {
            why = "OPENAI_API_KEY or OPENAI_BASE_URL is set";
            return new ModelReference("openai", OpenAIDefaultModel);
        }

        why = "no provider is configured";
        return new ModelReference(ModelReference.Rehearsal, string.Empty);
    }

    public IChatClient Resolve(ModelReference model, AgentSpec agent)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(agent);
        if (model.IsRehearsal)
        {
            return new RehearsalChatClient(agent.Name);
        }

        throw Unavailable(model, agent, $"this build of baton has no '{model.Provider}' provider yet. Use --model rehearsal to check the pipeline's wiring.");
    }

    private static SpecCompilationException Unavailable(ModelReference model, AgentSpec agent, string why) =>
        new([new SpecDiagnostic(model.Location ?? agent.Location, $"Agent '{agent.Name}' cannot use model '{model}': {why}")]);

    private bool IsSet(string variable) => !string.IsNullOrWhiteSpace(console.GetEnvironmentVariable(variable));
}
