using System.Collections.Immutable;
using Baton.Agents;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;
using Baton.Resilience;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Specs;

/// <summary>Builds the orchestration a spec describes, resolving each agent's model through an <see cref="IModelResolver"/>.</summary>
public static class SpecCompiler
{
    // Defaults come from the library's own types, so a spec that leaves a setting out gets what code would.
    private static readonly SupervisorOptions s_supervisorDefaults = new();
    private static readonly ReviewLoopOptions s_reviewDefaults = new();
    private static readonly Agent s_agentDefaults = new("defaults", PlaceholderModelResolver.Client);

    /// <summary>Chooses the model an agent uses: the override, else the agent's, else the spec's, else the default.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The model; a GGUF path the spec wrote relative to its folder is made absolute.</returns>
    public static ModelReference ModelFor(PipelineSpec spec, AgentSpec agent, SpecCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(agent);
        options ??= new SpecCompileOptions();
        if (options.ModelOverride is { } forced)
        {
            return forced;
        }

        return (agent.Model ?? spec.Model) is { } written ? FromSpec(spec, written) : options.DefaultModel;
    }

    // A GGUF path written in the spec is relative to the spec's folder, like schema files.
    private static ModelReference FromSpec(PipelineSpec spec, ModelSpec model) =>
        model.Reference is { Provider: ModelProvider.Gguf } gguf && !Path.IsPathRooted(gguf.Model)
            ? new ModelReference(ModelProvider.Gguf, Path.GetFullPath(Path.Combine(spec.BaseDirectory, gguf.Model)))
            : model.Reference;

    /// <summary>Builds the orchestration.</summary>
    /// <param name="spec">A spec loaded by <see cref="SpecLoader"/>.</param>
    /// <param name="resolver">Turns model references into chat clients.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The orchestration, checked by the library.</returns>
    /// <exception cref="SpecCompilationException">The spec uses something this build cannot run, or a model cannot be resolved.</exception>
    /// <exception cref="Orchestration.OrchestrationConfigurationException">The library rejected the orchestration.</exception>
    public static Orchestration.Orchestration Compile(PipelineSpec spec, IModelResolver resolver, SpecCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(resolver);
        options ??= new SpecCompileOptions();
        var agents = new Dictionary<string, Agent>(StringComparer.Ordinal);
        foreach (var agentSpec in spec.Agents.OrderBy(a => a.Fallback?.Agent is null ? 0 : 1))
        {
            agents[agentSpec.Name] = BuildAgent(spec, agentSpec, resolver, options, agents);
        }

        return Build(spec.Flow, spec.Flow.Name ?? spec.Name, agents, topLevel: true);
    }

    private static Agent BuildAgent(PipelineSpec spec, AgentSpec agentSpec, IModelResolver resolver, SpecCompileOptions options, Dictionary<string, Agent> built)
    {
        var model = ModelFor(spec, agentSpec, options);
        var client = resolver.Resolve(model, agentSpec);
        if (agentSpec.Fallback is { Model: { } fallbackModel } && options.ModelOverride is null)
        {
            // The same call goes to the fallback model; the journal's served_by names it.
            var fallback = FromSpec(spec, fallbackModel);
            client = new FallbackChatClient(client, resolver.Resolve(fallback, agentSpec), $"fallback:{fallback}");
        }

        var output = agentSpec.Output;
        var contract = output.Schema is { } schema ? OutputContract.FromSchema(schema, agentSpec.OutputName.Replace('-', '_')) : null;
        return new Agent(agentSpec.Name, client)
        {
            Instructions = agentSpec.Instructions,
            Description = agentSpec.Description,
            Reads = agentSpec.Reads is { } reads ? [.. reads.Select(r => r.Name)] : null,
            Writes = agentSpec.Writes,
            OutputFormat = output.Format,
            Contract = contract,
            ChatOptions = output.Format == AgentOutputFormat.Json && contract is null ? new ChatOptions { ResponseFormat = ChatResponseFormat.Json } : null,
            MaxReasks = agentSpec.MaxReasks ?? s_agentDefaults.MaxReasks,
            ContextBudget = agentSpec.ContextBudget ?? s_agentDefaults.ContextBudget,
            MaxOutputTokens = agentSpec.MaxOutputTokens ?? s_agentDefaults.MaxOutputTokens,
            Fallback = agentSpec.Fallback switch
            {
                { Agent: { } other } => Fallback.ToAgent(built[other.Name]),
                { Answer: { } answer } => Fallback.FixedAnswer(answer),
                _ => null,
            },
        };
    }

    private static Orchestration.Orchestration Build(FlowSpec flow, string name, Dictionary<string, Agent> agents, bool topLevel)
    {
        switch (flow)
        {
            case AgentFlowSpec step when topLevel:
                // A run's orchestration carries the spec's name so 'baton resume' can match it.
                return new Orchestration.SequentialPipeline(name, [agents[step.Agent]]);
            case AgentFlowSpec step:
                return agents[step.Agent];
            case SequentialFlowSpec sequential:
                var steps = sequential.Steps
                    .Select((s, i) => Build(s, s.Name ?? $"{name}-{i + 1}", agents, topLevel: false))
                    .ToImmutableArray();
                return new Orchestration.SequentialPipeline(name, steps);
            case SupervisorFlowSpec supervisor:
                return new SupervisorOrchestration(
                    name,
                    agents[supervisor.Supervisor.Name],
                    supervisor.Specialists.Select(w => (Orchestration.Orchestration)agents[w.Name]),
                    new SupervisorOptions { MaxSteps = supervisor.MaxSteps ?? s_supervisorDefaults.MaxSteps });
            case ReviewLoopFlowSpec review:
                return new ReviewLoop(name, agents[review.Writer.Name], agents[review.Reviewer.Name], new ReviewLoopOptions { MaxRounds = review.MaxRounds ?? s_reviewDefaults.MaxRounds });
            default:
                throw new SpecCompilationException([new SpecDiagnostic(flow.Location, $"Unknown flow kind '{flow.GetType().Name}'.")]);
        }
    }
}
