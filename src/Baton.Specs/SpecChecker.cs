using Baton.Orchestration;

namespace Baton.Specs;

/// <summary>Checks what the YAML structure cannot: every agent a flow names exists, every read is written before it, every agent is used.</summary>
internal sealed class SpecChecker(PipelineSpec spec, List<SpecDiagnostic> diagnostics)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public void Check()
    {
        CheckFlow(spec.Flow, new HashSet<string>(StringComparer.Ordinal));
        foreach (var agent in spec.Agents)
        {

            CheckModelFile(agent.Model);
            CheckModelFile(agent.Fallback?.Model);
            if (agent.Fallback?.Agent is { } fallbackAgent)
            {
                if (fallbackAgent.Name == agent.Name)
                {
                    diagnostics.Add(new(fallbackAgent.Location, $"Agent '{agent.Name}' falls back to itself; name another agent, a model or an answer."));
                }
                else if (Resolve(fallbackAgent) is { } other && other.Fallback is not null)
                {
                    diagnostics.Add(new(fallbackAgent.Location, $"Agent '{agent.Name}' falls back to '{other.Name}', which has a fallback of its own; fallbacks do not chain, so remove one."));
                }
            }
        }

        CheckModelFile(spec.Model);
        foreach (var agent in spec.Agents.Where(a => !_used.Contains(a.Name)))
        {
            diagnostics.Add(new(agent.Location, $"Agent '{agent.Name}' is declared but neither the flow nor a fallback uses it; add it to the flow or remove it."));
        }
    }

    /// <summary>Walks a flow in execution order; <paramref name="available"/> holds the outputs written before it.</summary>
    private void CheckFlow(FlowSpec flow, HashSet<string> available)
    {
        switch (flow)
        {
            case AgentFlowSpec step:
                if (Resolve(new NamedReference(step.Agent, step.Location)) is { } agent)
                {
                    CheckReads(agent, available);
                    available.Add(agent.OutputName);
                }

                break;
            case SequentialFlowSpec sequential:
                foreach (var s in sequential.Steps)
                {
                    CheckFlow(s, available);
                }

                break;
            case SupervisorFlowSpec supervisor:
                CheckGroup([supervisor.Supervisor, .. supervisor.Workers], available);
                break;
            case ReviewLoopFlowSpec review:
                CheckGroup([review.Producer, review.Reviewer], available);
                break;
            default:
                break;
        }
    }

    /// <summary>Agents of a loop may read any output written before the loop or by any agent in it.</summary>
    private void CheckGroup(IReadOnlyList<NamedReference> members, HashSet<string> available)
    {
        var agents = members.Select(Resolve).OfType<AgentSpec>().ToList();
        var inside = new HashSet<string>(available, StringComparer.Ordinal);
        inside.UnionWith(agents.Select(a => a.OutputName));
        foreach (var agent in agents)
        {
            CheckReads(agent, inside);
        }

        available.UnionWith(agents.Select(a => a.OutputName));
    }

    private AgentSpec? Resolve(NamedReference reference)
    {
        var agent = spec.FindAgent(reference.Name);
        if (agent is null)
        {
            var guess = NameSuggestions.DidYouMean(reference.Name, spec.Agents.Select(a => a.Name));
            diagnostics.Add(new(reference.Location, $"The flow names agent '{reference.Name}', which is not declared under 'agents'; "
                + (guess is null ? "declare it or fix the name." : $"did you mean '{guess}'?")));
            return null;
        }

        _used.Add(agent.Name);
        return agent;
    }

    private void CheckReads(AgentSpec agent, HashSet<string> available)
    {
        foreach (var read in agent.Reads ?? [])
        {
            if (available.Contains(read.Name))
            {
                continue;
            }

            var writer = spec.Agents.FirstOrDefault(a => a.OutputName == read.Name);
            if (writer is not null)
            {
                diagnostics.Add(new(read.Location, $"Agent '{agent.Name}' reads output '{read.Name}', which is written only later, by '{writer.Name}'; move '{writer.Name}' before '{agent.Name}' in the flow."));
                continue;
            }

            var candidates = spec.Agents.Select(a => a.OutputName).Concat(spec.Agents.Select(a => a.Name));
            var guess = NameSuggestions.DidYouMean(read.Name, candidates);
            diagnostics.Add(new(read.Location, $"agent '{agent.Name}' reads output '{read.Name}' that no agent writes; "
                + (guess is null ? "check the name, or add an agent with 'writes: " + read.Name + "'." : $"did you mean '{guess}'?")));
        }
    }

    private void CheckModelFile(ModelReference? model)
    {
        if (model is { Provider: "gguf", Location: { } location }
            && !File.Exists(Path.GetFullPath(Path.Combine(spec.BaseDirectory, model.ModelId))))
        {
            diagnostics.Add(new(location, $"The GGUF model file '{model.ModelId}' does not exist (paths are relative to the spec file's folder)."));
        }
    }
}
