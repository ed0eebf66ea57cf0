using System.Collections.Immutable;
using Baton.Guards;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Turns a spec's YAML tree into the spec model, recording every structural problem with its location.</summary>
internal sealed class SpecParser(YamlReader reader, string baseDirectory)
{
    internal static readonly string[] TopKeys = ["name", "description", "task", "intent", "constraints", "model", "limits", "agents", "flow"];
    internal static readonly string[] AgentKeys = ["instructions", "description", "model", "fallback", "reads", "writes", "output", "max_reasks", "context_budget"];
    internal static readonly string[] FallbackKeys = ["model", "agent", "answer"];
    internal static readonly string[] OutputKeys = ["format", "schema"];
    internal static readonly string[] LimitKeys = ["max_steps", "deadline", "token_budget"];
    internal static readonly string[] FlowKinds = ["sequential", "supervisor", "review_loop"];
    internal static readonly string[] SequentialKeys = ["name", "steps"];
    internal static readonly string[] SupervisorKeys = ["name", "supervisor", "workers", "max_rounds"];
    internal static readonly string[] ReviewKeys = ["name", "producer", "reviewer", "max_rounds"];

    public PipelineSpec? Parse(YamlNode root, string filePath, string hash)
    {
        string? name = null, task = null, intent = null;
        ModelReference? model = null;
        var constraints = ImmutableArray<string>.Empty;
        var limits = RunLimits.Default;
        var agents = ImmutableArray<AgentSpec>.Empty;
        FlowSpec? flow = null;
        YamlNode? agentsNode = null;
        foreach (var (key, value) in reader.Entries(root, "the spec", TopKeys))
        {
            switch (key.Value)
            {
                case "name": name = reader.String(value, "'name'"); break;
                case "description": reader.String(value, "'description'"); break;
                case "task": task = reader.String(value, "'task'"); break;
                case "intent": intent = reader.String(value, "'intent'"); break;
                case "constraints": constraints = [.. reader.Names(value, "'constraints'")?.Select(n => n.Name) ?? []]; break;
                case "model": model = Model(value, "'model'"); break;
                case "limits": limits = Limits(value); break;
                case "agents": agentsNode = value; agents = Agents(value); break;
                case "flow": flow = Flow(value); break;
                default: break;
            }
        }

        if (agentsNode is null && root is YamlMappingNode)
        {
            reader.Error(root, "The spec declares no agents. Add an 'agents:' mapping, for example 'agents: { writer: { instructions: ... } }'.");
        }

        if (flow is null && root is YamlMappingNode)
        {
            reader.Error(root, "The spec has no 'flow'. Add one, for example 'flow: { sequential: [researcher, writer] }'.");
        }

        name ??= Path.GetFileNameWithoutExtension(filePath);
        if (!IsValidName(name))
        {
            reader.Error(root, $"The spec's name '{name}' is not valid: use letters, digits, '-' and '_' only (set 'name:').");
        }

        return flow is null
            ? null
            : new PipelineSpec
            {
                FilePath = filePath,
                BaseDirectory = baseDirectory,
                ContentHash = hash,
                Name = name,
                Task = task,
                Intent = intent,
                Constraints = constraints,
                Model = model,
                Limits = limits,
                Agents = agents,
                Flow = flow,
            };
    }

    internal static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private ModelReference? Model(YamlNode node, string what)
    {
        var text = reader.String(node, what);
        if (text is null)
        {
            return null;
        }

        if (!ModelReference.TryParse(text, out var reference, out var error, reader.At(node)))
        {
            reader.Error(node, error!);
        }

        return reference;
    }

    private RunLimits Limits(YamlNode node)
    {
        var limits = RunLimits.Default;
        foreach (var (key, value) in reader.Entries(node, "'limits'", LimitKeys))
        {
            switch (key.Value)
            {
                case "max_steps" when reader.PositiveInt(value, "'max_steps'") is { } steps:
                    limits = limits with { MaxSteps = steps };
                    break;
                case "token_budget" when reader.PositiveInt(value, "'token_budget'") is { } budget:
                    limits = limits with { TokenBudget = budget };
                    break;
                case "deadline":
                    var text = reader.String(value, "'deadline'");
                    if (text is not null)
                    {
                        if (DurationText.TryParse(text, out var deadline))
                        {
                            limits = limits with { Deadline = deadline };
                        }
                        else
                        {
                            reader.Error(value, $"'deadline' is '{text}'; write a positive duration such as 90s, 10m or 1h, or 'none' for no deadline.");
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        return limits;
    }

    private ImmutableArray<AgentSpec> Agents(YamlNode node)
    {
        var agents = ImmutableArray.CreateBuilder<AgentSpec>();
        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node, $"'agents' must be a mapping from agent name to its settings, not {YamlReader.Describe(node)}.");
            return [];
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!IsValidName(name))
            {
                reader.Error(keyNode, $"Agent name '{name}' is not valid: use letters, digits, '-' and '_' only (for example 'researcher').");
                continue;
            }

            agents.Add(Agent(name, keyNode, value));
        }

        return agents.ToImmutable();
    }

    private AgentSpec Agent(string name, YamlNode keyNode, YamlNode node)
    {
        var agent = new AgentSpec { Name = name, Location = reader.At(keyNode) };
        if (node is YamlScalarNode { Value: null or "" })
        {
            return agent;
        }

        foreach (var (key, value) in reader.Entries(node, $"agent '{name}'", AgentKeys))
        {
            agent = key.Value switch
            {
                "instructions" => agent with { Instructions = reader.String(value, "'instructions'")?.Trim() ?? string.Empty },
                "description" => agent with { Description = reader.String(value, "'description'") },
                "model" => agent with { Model = Model(value, $"'model' of agent '{name}'") },
                "fallback" => agent with { Fallback = Fallback(value, name) },
                "max_reasks" => agent with { MaxReasks = value is YamlScalarNode { Value: "0" } ? 0 : reader.PositiveInt(value, "'max_reasks'") },
                "context_budget" => agent with { ContextBudget = reader.PositiveInt(value, "'context_budget'") },
                "reads" => agent with { Reads = reader.Names(value, $"'reads' of agent '{name}'") is { } r ? [.. r] : null },
                "writes" => agent with { Writes = Writes(value, name) },
                "output" => agent with { Output = new OutputContractReader(reader, baseDirectory).Read(value, name) },
                _ => agent,
            };
        }

        return agent;
    }

    private FallbackSpec? Fallback(YamlNode node, string agent)
    {
        var location = reader.At(node);
        if (node is YamlScalarNode)
        {
            return Model(node, $"'fallback' of agent '{agent}'") is { } model ? new FallbackSpec { Location = location, Model = model } : null;
        }

        var entries = reader.Entries(node, $"'fallback' of agent '{agent}'", FallbackKeys);
        if (entries.Count != 1)
        {
            // With no known key, the unknown ones were already reported.
            if (node is YamlMappingNode mapping && (entries.Count > 1 || mapping.Children.Count == 0))
            {
                reader.Error(node, $"'fallback' of agent '{agent}' takes exactly one of 'model: <provider:model>', 'agent: <name>' or 'answer: <text>'.");
            }

            return null;
        }

        var (key, value) = entries[0];
        return key.Value switch
        {
            "model" => Model(value, $"'fallback' of agent '{agent}'") is { } model ? new FallbackSpec { Location = location, Model = model } : null,
            "agent" => reader.String(value, "'agent'") is { Length: > 0 } other ? new FallbackSpec { Location = location, Agent = new NamedReference(other, reader.At(value)) } : null,
            _ => reader.String(value, "'answer'") is { } answer ? new FallbackSpec { Location = location, Answer = answer } : null,
        };
    }

    private string? Writes(YamlNode value, string agent)
    {
        var text = reader.String(value, $"'writes' of agent '{agent}'");
        if (text is not null && !IsValidName(text))
        {
            reader.Error(value, $"Output name '{text}' of agent '{agent}' is not valid: use letters, digits, '-' and '_' only.");
            return null;
        }

        return text;
    }

    private FlowSpec? Flow(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } agent })
        {
            return new AgentFlowSpec { Agent = agent, Location = reader.At(node) };
        }

        var entries = reader.Entries(node, "a flow", FlowKinds);
        if (entries.Count != 1)
        {
            if (node is YamlMappingNode && entries.Count > 1)
            {
                reader.Error(node, $"A flow has exactly one kind ({string.Join(", ", FlowKinds)}); nest flows as steps of a sequential flow.");
            }

            return null;
        }

        var (kind, body) = entries[0];
        var location = reader.At(kind);
        return kind.Value switch
        {
            "sequential" => Sequential(body, location),
            "supervisor" => Supervisor(body, location),
            _ => ReviewLoop(body, location),
        };
    }

    private SequentialFlowSpec? Sequential(YamlNode body, SourceLocation location)
    {
        string? name = null;
        YamlNode? stepsNode = body;
        if (body is YamlMappingNode)
        {
            stepsNode = null;
            foreach (var (key, value) in reader.Entries(body, "a sequential flow", SequentialKeys))
            {
                if (key.Value == "name")
                {
                    name = FlowName(value);
                }
                else
                {
                    stepsNode = value;
                }
            }
        }

        if (stepsNode is not YamlSequenceNode { Children.Count: > 0 } steps)
        {
            reader.Error(stepsNode ?? body, "A sequential flow needs a list of steps, for example 'sequential: [researcher, writer, editor]'.");
            return null;
        }

        var parsed = steps.Children.Select(Flow).ToList();
        return parsed.Any(s => s is null)
            ? null
            : new SequentialFlowSpec { Location = location, Name = name, Steps = [.. parsed!] };
    }

    private SupervisorFlowSpec? Supervisor(YamlNode body, SourceLocation location)
    {
        string? name = null;
        NamedReference? supervisor = null;
        List<NamedReference>? workers = null;
        int? rounds = null;
        foreach (var (key, value) in reader.Entries(body, "a supervisor flow", SupervisorKeys))
        {
            switch (key.Value)
            {
                case "name": name = FlowName(value); break;
                case "supervisor": supervisor = reader.String(value, "'supervisor'") is { } s ? new NamedReference(s, reader.At(value)) : null; break;
                case "workers": workers = reader.Names(value, "'workers'"); break;
                case "max_rounds": rounds = reader.PositiveInt(value, "'max_rounds'"); break;
                default: break;
            }
        }

        if (supervisor is null)
        {
            reader.Error(body, "A supervisor flow needs 'supervisor: <agent>' naming the agent that routes the work.");
        }

        if (workers is not { Count: > 0 })
        {
            reader.Error(body, "A supervisor flow needs 'workers: [<agent>, ...]' naming the agents it may route to.");
        }

        return supervisor is null || workers is not { Count: > 0 }
            ? null
            : new SupervisorFlowSpec { Location = location, Name = name, Supervisor = supervisor.Value, Workers = [.. workers], MaxRounds = rounds };
    }

    private ReviewLoopFlowSpec? ReviewLoop(YamlNode body, SourceLocation location)
    {
        string? name = null;
        NamedReference? producer = null, reviewer = null;
        int? rounds = null;
        foreach (var (key, value) in reader.Entries(body, "a review_loop flow", ReviewKeys))
        {
            switch (key.Value)
            {
                case "name": name = FlowName(value); break;
                case "producer": producer = reader.String(value, "'producer'") is { } p ? new NamedReference(p, reader.At(value)) : null; break;
                case "reviewer": reviewer = reader.String(value, "'reviewer'") is { } r ? new NamedReference(r, reader.At(value)) : null; break;
                case "max_rounds": rounds = reader.PositiveInt(value, "'max_rounds'"); break;
                default: break;
            }
        }

        if (producer is null || reviewer is null)
        {
            reader.Error(body, "A review_loop flow needs 'producer: <agent>' and 'reviewer: <agent>'.");
            return null;
        }

        return new ReviewLoopFlowSpec { Location = location, Name = name, Producer = producer.Value, Reviewer = reviewer.Value, MaxRounds = rounds };
    }

    private string? FlowName(YamlNode value)
    {
        var text = reader.String(value, "a flow's 'name'");
        if (text is not null && !IsValidName(text))
        {
            reader.Error(value, $"Flow name '{text}' is not valid: use letters, digits, '-' and '_' only.");
            return null;
        }

        return text;
    }
}
