using System.Collections.Immutable;
using Baton.Agents;
using Baton.Humans;
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
    /// <param name="resolver">Turns model references into chat clients (it is not asked for agents a person answers).</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The orchestration, checked by the library.</returns>
    /// <remarks>
    /// An agent with <c>human:</c> becomes an agent a person answers (<c>Agent(string, HumanParticipant)</c>). An agent
    /// with <c>approve:</c> becomes, wherever it stands in the flow, a review loop named after it with the person who
    /// approves as the reviewer; in a sequential flow, when it sets no <c>reads</c>, it reads the previous step's
    /// outputs as the agent would.
    /// </remarks>
    /// <exception cref="SpecCompilationException">The spec uses something this build cannot run, or a model cannot be resolved.</exception>
    /// <exception cref="Orchestration.OrchestrationConfigurationException">The library rejected the orchestration.</exception>
    public static Orchestration.Orchestration Compile(PipelineSpec spec, IModelResolver resolver, SpecCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(resolver);
        return new Builder(spec, resolver, options ?? new SpecCompileOptions()).Build();
    }

    private static Agent BuildAgent(PipelineSpec spec, AgentSpec agentSpec, IModelResolver resolver, SpecCompileOptions options, Dictionary<string, Agent> built)
    {
        var output = agentSpec.Output;
        var contract = output.Schema is { } schema ? OutputContract.FromSchema(schema, agentSpec.OutputName.Replace('-', '_')) : null;
        var reads = agentSpec.Reads is { } names ? [.. names.Select(r => r.Name)] : (ImmutableArray<string>?)null;
        var fallback = agentSpec.Fallback switch
        {
            { Agent: { } other } => Fallback.ToAgent(built[other.Name]),
            { Answer: { } answer } => FixedAnswer(agentSpec, answer, contract),
            _ => null,
        };
        if (agentSpec.Human is { } human)
        {
            // A person's turn calls no model: the resolver is not asked, and the model settings do not apply.
            return new Agent(agentSpec.Name, new HumanParticipant { Question = human.Question, Assignee = human.Assignee, Timeout = human.Timeout })
            {
                Description = agentSpec.Description,
                Reads = reads,
                Writes = agentSpec.Writes,
                OutputFormat = output.Format,
                Contract = contract,
                Fallback = fallback,
            };
        }

        var model = ModelFor(spec, agentSpec, options);
        var client = resolver.Resolve(model, agentSpec);
        if (agentSpec.Fallback is { Model: { } fallbackModel } && options.ModelOverride is null)
        {
            // The same call goes to the fallback model; the journal's served_by names it.
            var fallbackReference = FromSpec(spec, fallbackModel);
            client = new FallbackChatClient(client, resolver.Resolve(fallbackReference, agentSpec), $"fallback:{fallbackReference}");
        }

        return new Agent(agentSpec.Name, client)
        {
            Instructions = agentSpec.Instructions,
            Description = agentSpec.Description,
            Reads = reads,
            Writes = agentSpec.Writes,
            OutputFormat = output.Format,
            Contract = contract,
            ChatOptions = output.Format == AgentOutputFormat.Json && contract is null ? new ChatOptions { ResponseFormat = ChatResponseFormat.Json } : null,
            MaxReasks = agentSpec.MaxReasks ?? s_agentDefaults.MaxReasks,
            ContextBudget = agentSpec.ContextBudget ?? s_agentDefaults.ContextBudget,
            MaxOutputTokens = agentSpec.MaxOutputTokens ?? s_agentDefaults.MaxOutputTokens,
            Fallback = fallback,
        };
    }

    /// <summary>
    /// A fixed answer as the agent's output: for a JSON output, the JSON value the text holds (a text that is no JSON
    /// stays text), held to the agent's contract so a fallback that could never be recorded is found before a run.
    /// </summary>
    private static Fallback FixedAnswer(AgentSpec agentSpec, string answer, OutputContract? contract)
    {
        if (agentSpec.Output.Format != AgentOutputFormat.Json || !TryParseJson(answer, out var value))
        {
            return Fallback.FixedAnswer(answer);
        }

        if (contract?.Validate(value) is { IsValid: false } result)
        {
            var errors = string.Join("; ", result.Errors.Select(e => e.Path.Length == 0 ? e.Message : $"{e.Path}: {e.Message}"));
            throw new SpecCompilationException([new SpecDiagnostic(agentSpec.Fallback!.Location, $"The fixed answer of agent '{agentSpec.Name}' does not satisfy its output contract: {YamlReader.Clip(errors, 300)}. Fix the answer, or the schema.")]);
        }

        return Fallback.FixedAnswer(value);
    }

    private static bool TryParseJson(string text, out System.Text.Json.JsonElement value)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            value = document.RootElement.Clone();
            return true;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException)
        {
            // ArgumentException: text that cannot even be transcoded (a raw lone surrogate) is no JSON either.
            value = default;
            return false;
        }
    }

    /// <summary>Builds one spec's orchestration: its agents once each, then its flow.</summary>
    private sealed class Builder(PipelineSpec spec, IModelResolver resolver, SpecCompileOptions options)
    {
        private readonly Dictionary<string, Agent> _agents = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Reads, ReviewLoop Gate)> _gates = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Agent> _defaultApprovers = new(StringComparer.Ordinal);

        public Orchestration.Orchestration Build()
        {
            // Gated agents are built where they stand (their reads may follow the step before them); they are never fallbacks.
            foreach (var agentSpec in spec.Agents.Where(a => a.Approve is null).OrderBy(a => a.Fallback?.Agent is null ? 0 : 1))
            {
                _agents[agentSpec.Name] = BuildAgent(spec, agentSpec, resolver, options, _agents);
            }

            return Flow(spec.Flow, spec.Flow.Name ?? spec.Name, topLevel: true);
        }

        private Orchestration.Orchestration Flow(FlowSpec flow, string name, bool topLevel)
        {
            switch (flow)
            {
                case AgentFlowSpec step when topLevel:
                    // A run's orchestration carries the spec's name so 'baton resume' can match it.
                    return new Orchestration.SequentialPipeline(name, [Step(step, previous: [])]);
                case AgentFlowSpec step:
                    return Step(step, previous: null);
                case SequentialFlowSpec sequential:
                    var steps = ImmutableArray.CreateBuilder<Orchestration.Orchestration>(sequential.Steps.Length);
                    IReadOnlyList<string> previous = [];
                    for (var i = 0; i < sequential.Steps.Length; i++)
                    {
                        var s = sequential.Steps[i];
                        var built = s is AgentFlowSpec agentStep ? Step(agentStep, previous) : Flow(s, s.Name ?? $"{name}-{i + 1}", topLevel: false);
                        steps.Add(built);
                        previous = built.Outputs;
                    }

                    return new Orchestration.SequentialPipeline(name, steps.ToImmutable());
                case SupervisorFlowSpec supervisor:
                    return new SupervisorOrchestration(
                        name,
                        _agents[supervisor.Supervisor.Name],
                        supervisor.Specialists.Select(w => Step(new AgentFlowSpec { Agent = w.Name, Location = w.Location }, previous: null)),
                        new SupervisorOptions { MaxSteps = supervisor.MaxSteps ?? s_supervisorDefaults.MaxSteps, Descriptions = GatedDescriptions(supervisor) });
                case ReviewLoopFlowSpec review:
                    return new ReviewLoop(name, _agents[review.Writer.Name], _agents[review.Reviewer.Name], new ReviewLoopOptions { MaxRounds = review.MaxRounds ?? s_reviewDefaults.MaxRounds });
                default:
                    throw new SpecCompilationException([new SpecDiagnostic(flow.Location, $"Unknown flow kind '{flow.GetType().Name}'.")]);
            }
        }

        /// <summary>An agent where it stands: the agent, or for an agent with <c>approve:</c> its approval gate.</summary>
        /// <param name="step">The step.</param>
        /// <param name="previous">The outputs of the step before it in a sequential flow; <see langword="null"/> elsewhere.</param>
        private Orchestration.Orchestration Step(AgentFlowSpec step, IReadOnlyList<string>? previous)
        {
            if (_agents.TryGetValue(step.Agent, out var agent))
            {
                return agent;
            }

            var agentSpec = spec.FindAgent(step.Agent)!;
            var approve = agentSpec.Approve!;

            // As a pipeline step the agent would read the step before it; as a writer it would read every output.
            var reads = agentSpec.Reads is null && previous is not null ? string.Join('\n', previous) : null;
            var key = reads ?? "\0";
            if (_gates.TryGetValue(agentSpec.Name, out var gate))
            {
                return gate.Reads == key
                    ? gate.Gate
                    : throw new SpecCompilationException([new SpecDiagnostic(step.Location, $"Agent '{agentSpec.Name}' has 'approve:' and no 'reads:', and stands at two places that follow different outputs; say what it reads with 'reads: [...]'.")]);
            }

            var writerSpec = reads is null ? agentSpec : agentSpec with { Reads = [.. previous!.Select(r => new NamedReference(r, agentSpec.Location))] };
            var writer = BuildAgent(spec, writerSpec, resolver, options, _agents);
            var approver = approve.By is { } by ? _agents[by.Name] : DefaultApprover(agentSpec);
            var loop = new ReviewLoop(agentSpec.Name, writer, approver, new ReviewLoopOptions { MaxRounds = approve.MaxRounds ?? s_reviewDefaults.MaxRounds });
            _gates[agentSpec.Name] = (key, loop);
            return loop;
        }

        private Agent DefaultApprover(AgentSpec agentSpec)
        {
            var name = ApprovalSpec.DefaultApprover(agentSpec.Name);
            if (!_defaultApprovers.TryGetValue(name, out var approver))
            {
                approver = new Agent(name, new HumanParticipant { Question = ApprovalSpec.DefaultQuestion(agentSpec.Name, agentSpec.OutputName) });
                _defaultApprovers[name] = approver;
            }

            return approver;
        }

        // A gated specialist is a review loop: the supervisor still describes it with the agent's own description.
        private Dictionary<string, string> GatedDescriptions(SupervisorFlowSpec supervisor) =>
            supervisor.Specialists
                .Select(s => spec.FindAgent(s.Name)!)
                .Where(a => a.Approve is not null)
                .DistinctBy(a => a.Name)
                .ToDictionary(a => a.Name, a => (a.Description ?? FirstLine(a.Instructions) ?? "an agent") + " (a person approves its answer)", StringComparer.Ordinal);

        private static string? FirstLine(string text)
        {
            var line = text.Trim().Split('\n', 2)[0].Trim();
            return line.Length == 0 ? null : line;
        }
    }
}
