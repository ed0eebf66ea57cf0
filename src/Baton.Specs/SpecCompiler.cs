using System.Collections.Immutable;
using Baton.Agents;
using Microsoft.Extensions.AI;

namespace Baton.Specs;

/// <summary>Builds the orchestration a spec describes, resolving each agent's model through an <see cref="IModelResolver"/>.</summary>
public static class SpecCompiler
{
    /// <summary>Chooses the model an agent uses: the override, else the agent's, else the spec's, else the default.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The model.</returns>
    public static ModelReference ModelFor(PipelineSpec spec, AgentSpec agent, SpecCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(agent);
        options ??= new SpecCompileOptions();
        return options.ModelOverride ?? agent.Model ?? spec.Model ?? options.DefaultModel;
    }

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
        foreach (var agentSpec in spec.Agents)
        {
            agents[agentSpec.Name] = BuildAgent(spec, agentSpec, resolver, options);
        }

        return Build(spec.Flow, spec.Flow.Name ?? spec.Name, agents, topLevel: true);
    }

    private static Agent BuildAgent(PipelineSpec spec, AgentSpec agentSpec, IModelResolver resolver, SpecCompileOptions options)
    {
        var model = ModelFor(spec, agentSpec, options);
        var client = resolver.Resolve(model, agentSpec);
        if (agentSpec.Fallback is { Model: { } fallback } && options.ModelOverride is null)
        {
            client = new SpecFallbackChatClient(client, resolver.Resolve(fallback, agentSpec), $"fallback:{fallback}");
        }
        else if (agentSpec.Fallback is { Model: null } other)
        {
            throw new SpecCompilationException([new SpecDiagnostic(other.Location,
                $"This build of Baton cannot use an agent or answer fallback yet; use 'fallback: <provider:model>', or update Baton.")]);
        }

        var contract = agentSpec.Output;
        ChatOptions? chatOptions = contract.Format == AgentOutputFormat.Json
            ? new ChatOptions
            {
                ResponseFormat = contract.Schema is { } schema
                    ? ChatResponseFormat.ForJsonSchema(schema, agentSpec.OutputName.Replace('-', '_'), $"The '{agentSpec.OutputName}' output of agent '{agentSpec.Name}'.")
                    : ChatResponseFormat.Json,
            }
            : null;
        return new Agent(agentSpec.Name, client)
        {
            Instructions = agentSpec.Instructions,
            Description = agentSpec.Description,
            Reads = agentSpec.Reads is { } reads ? [.. reads.Select(r => r.Name)] : null,
            Writes = agentSpec.Writes,
            OutputFormat = contract.Format,
            ChatOptions = chatOptions,
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
            default:
                throw new SpecCompilationException([new SpecDiagnostic(flow.Location,
                    $"This build of Baton cannot run a '{KindOf(flow)}' flow yet; use a sequential flow, or update Baton.")]);
        }
    }

    private static string KindOf(FlowSpec flow) => flow switch
    {
        SupervisorFlowSpec => "supervisor",
        ReviewLoopFlowSpec => "review_loop",
        _ => flow.GetType().Name,
    };
}
