using Baton.Orchestration;

namespace Baton.Specs;

/// <summary>Checks what the YAML structure cannot: every agent a flow names exists, every read is written before it, every agent is used.</summary>
internal sealed class SpecChecker(PipelineSpec spec, List<SpecDiagnostic> diagnostics)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    // Lookups by name, so checking stays linear in the spec's size (the first declaration of a name wins).
    private readonly Dictionary<string, AgentSpec> _byName = spec.Agents.DistinctBy(a => a.Name).ToDictionary(a => a.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, AgentSpec> _byOutput = spec.Agents.DistinctBy(a => a.OutputName).ToDictionary(a => a.OutputName, StringComparer.Ordinal);

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
                else if (Resolve(fallbackAgent) is { } other)
                {
                    CheckFallbackTarget(agent, fallbackAgent, other);
                }
            }

            CheckApproval(agent);
        }

        CheckModelFile(spec.Model);
        foreach (var agent in spec.Agents.Where(a => !_used.Contains(a.Name)))
        {
            diagnostics.Add(new(agent.Location, $"Agent '{agent.Name}' is declared but neither the flow nor a fallback uses it; add it to the flow or remove it."));
        }
    }

    private void CheckFallbackTarget(AgentSpec agent, NamedReference reference, AgentSpec other)
    {
        if (other.Fallback is not null)
        {
            diagnostics.Add(new(reference.Location, $"Agent '{agent.Name}' falls back to '{other.Name}', which has a fallback of its own; fallbacks do not chain, so remove one."));
        }
        else if (other.Approve is not null)
        {
            diagnostics.Add(new(reference.Location, $"Agent '{agent.Name}' falls back to '{other.Name}', which has 'approve:'; a fallback's answer is recorded as it is, so no approval could be asked. Remove 'approve:' from '{other.Name}' or fall back to another agent."));
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
                    if (ApproverOf(agent) is { } approver)
                    {
                        // An approval gate is a review loop: both read what came before and the draft (a reviewer's answer is no output).
                        var inside = new HashSet<string>(available, StringComparer.Ordinal) { agent.OutputName };
                        CheckReads(agent, inside);
                        CheckReads(approver, inside);
                    }
                    else
                    {
                        CheckReads(agent, available);
                    }

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
                CheckSupervisor(supervisor.Supervisor);
                CheckGroup([supervisor.Supervisor, .. supervisor.Specialists], available);
                break;
            case ReviewLoopFlowSpec review:
                CheckNotGated(review.Writer, "the writer of a review loop, which is reviewed already: make the person the loop's 'reviewer' instead of using 'approve:'");
                CheckNotGated(review.Reviewer, "the reviewer of a review loop, whose verdict is no output to approve");
                CheckGroup([review.Writer, review.Reviewer], available);
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
            if (ApproverOf(agent) is { } approver)
            {
                CheckReads(approver, inside);
            }
        }

        available.UnionWith(agents.Select(a => a.OutputName));
    }

    /// <summary>The person named in an agent's <c>approve: { by: ... }</c>, when it is declared (an undeclared one is reported by <see cref="CheckApproval"/>).</summary>
    private AgentSpec? ApproverOf(AgentSpec agent) =>
        agent.Approve?.By is { } by && _byName.TryGetValue(by.Name, out var approver) && approver.Name != agent.Name ? approver : null;

    private void CheckApproval(AgentSpec agent)
    {
        if (agent.Approve is not { } approve)
        {
            return;
        }

        if (approve.By is not { } by)
        {
            var implicitName = ApprovalSpec.DefaultApprover(agent.Name);
            if (_byName.ContainsKey(implicitName))
            {
                diagnostics.Add(new(approve.Location, $"'approve: true' on agent '{agent.Name}' asks a person named '{implicitName}', but an agent of that name is declared. Name the person who approves: 'approve: {{ by: {implicitName} }}'."));
            }

            return;
        }

        if (by.Name == agent.Name)
        {
            diagnostics.Add(new(by.Location, $"Agent '{agent.Name}' cannot approve its own output; name another person in 'by:'."));
            return;
        }

        if (Resolve(by) is not { } approver)
        {
            return;
        }

        if (approver.Human is null)
        {
            diagnostics.Add(new(by.Location, $"'approve' of agent '{agent.Name}' names '{approver.Name}', a model agent; an approval is given by a person. Give '{approver.Name}' a 'human: {{ question: ... }}' block, or use a 'review_loop' flow for a model reviewer."));
        }
        else if (approver.Approve is not null)
        {
            diagnostics.Add(new(by.Location, $"'approve' of agent '{agent.Name}' names '{approver.Name}', which has 'approve:' of its own; a verdict is not approved again, so remove one."));
        }
    }

    private void CheckSupervisor(NamedReference reference)
    {
        if (!_byName.TryGetValue(reference.Name, out var supervisor))
        {
            return;
        }

        if (supervisor.Human is not null)
        {
            diagnostics.Add(new(reference.Location, $"Agent '{supervisor.Name}' is answered by a person ('human:'), but a supervisor's routing decisions are made by a model agent. Make the person one of the 'specialists' the supervisor routes to."));
        }
        else if (supervisor.Approve is not null)
        {
            diagnostics.Add(new(reference.Location, $"Agent '{supervisor.Name}' has 'approve:', but a supervisor's routing decisions are not outputs to approve. Put 'approve:' on the specialists whose output needs a person's approval."));
        }
    }

    private void CheckNotGated(NamedReference reference, string where)
    {
        if (_byName.TryGetValue(reference.Name, out var agent) && agent.Approve is not null)
        {
            diagnostics.Add(new(reference.Location, $"Agent '{agent.Name}' has 'approve:' but is {where}."));
        }
    }

    private AgentSpec? Resolve(NamedReference reference)
    {
        if (!_byName.TryGetValue(reference.Name, out var agent))
        {
            var guess = diagnostics.Count < SpecLoader.MaxDiagnostics ? NameSuggestions.DidYouMean(reference.Name, spec.Agents.Select(a => a.Name)) : null;
            diagnostics.Add(new(reference.Location, $"The flow names agent {YamlReader.Quote(reference.Name)}, which is not declared under 'agents'; "
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

            if (_byOutput.TryGetValue(read.Name, out var writer))
            {
                diagnostics.Add(new(read.Location, $"Agent '{agent.Name}' reads output '{read.Name}', which is written only later, by '{writer.Name}'; move '{writer.Name}' before '{agent.Name}' in the flow."));
                continue;
            }

            var candidates = spec.Agents.Select(a => a.OutputName).Concat(spec.Agents.Select(a => a.Name));
            var guess = diagnostics.Count < SpecLoader.MaxDiagnostics ? NameSuggestions.DidYouMean(read.Name, candidates) : null;
            diagnostics.Add(new(read.Location, $"agent '{agent.Name}' reads output {YamlReader.Quote(read.Name)} that no agent writes; "
                + (guess is null ? "check the name, or add an agent with 'writes: " + YamlReader.Clip(read.Name) + "'." : $"did you mean '{guess}'?")));
        }
    }

    private void CheckModelFile(ModelSpec? model)
    {
        if (model is not { Reference.Provider: ModelProvider.Gguf })
        {
            return;
        }

        var path = model.Reference.Model;
        FileInfo file;
        try
        {
            file = new FileInfo(Path.GetFullPath(Path.Combine(spec.BaseDirectory, path)));
            if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                file = target;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            diagnostics.Add(new(model.Location, $"The GGUF model path {YamlReader.Quote(path)} is not valid: {ex.Message}"));
            return;
        }

        if (!file.Exists)
        {
            diagnostics.Add(new(model.Location, $"The GGUF model file {YamlReader.Quote(path)} does not exist (paths are relative to the spec file's folder)."));
        }
        else if (file.Length == 0)
        {
            // Devices and pipes report no size; a GGUF file is never empty.
            diagnostics.Add(new(model.Location, $"The GGUF model file {YamlReader.Quote(path)} is empty or is not a regular file; name a .gguf file."));
        }
    }
}
