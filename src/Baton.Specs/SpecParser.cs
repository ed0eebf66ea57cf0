using System.Collections.Immutable;
using Baton.Guards;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Turns a spec's YAML tree into the spec model, recording every structural problem with its location.</summary>
internal sealed class SpecParser(YamlReader reader, string baseDirectory)
{
    internal static readonly string[] TopKeys = ["name", "description", "task", "intent", "constraints", "model", "limits", "agents", "flow"];
    internal static readonly string[] AgentKeys = ["instructions", "description", "model", "fallback", "reads", "writes", "output", "max_reasks", "context_budget", "max_output_tokens", "attempt_timeout", "human", "approve"];
    internal static readonly string[] FallbackKeys = ["model", "agent", "answer"];
    internal static readonly string[] OutputKeys = ["format", "schema"];
    internal static readonly string[] LimitKeys = ["max_steps", "deadline", "token_budget", "attempt_timeout"];

    /// <summary>The longest wait for a person a spec may set (<c>human: { timeout: ... }</c>): 30 days, as for a run's deadline.</summary>
    internal static readonly TimeSpan MaxHumanTimeout = TimeSpan.FromDays(30);

    /// <summary>The longest run deadline a spec may set: 30 days (a run's deadline timer cannot exceed about 49 days).</summary>
    internal static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(30);

    /// <summary>The longest per-attempt model-call timeout a spec may set: one day, as the resilience middleware allows.</summary>
    internal static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromDays(1);

    public PipelineSpec? Parse(YamlNode root, string filePath, string hash)
    {
        string? name = null, task = null, intent = null;
        ModelSpec? model = null;
        var constraints = ImmutableArray<string>.Empty;
        var limits = RunLimits.Default;
        TimeSpan? attemptTimeout = null;
        var agents = ImmutableArray<AgentSpec>.Empty;
        FlowSpec? flow = null;
        YamlNode? agentsNode = null;
        foreach (var (key, _, value) in reader.Entries(root, "the spec", TopKeys))
        {
            switch (key)
            {
                case "name": name = reader.String(value, "'name'"); break;
                case "description": reader.String(value, "'description'"); break;
                case "task": task = reader.String(value, "'task'"); break;
                case "intent": intent = reader.String(value, "'intent'"); break;
                case "constraints": constraints = [.. reader.Names(value, "'constraints'")?.Select(n => n.Name) ?? []]; break;
                case "model": model = Model(value, "'model'"); break;
                case "limits": (limits, attemptTimeout) = Limits(value); break;
                case "agents": agentsNode = value; agents = Agents(value); break;
                case "flow": flow = new FlowParser(reader).Flow(value); break;
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
            reader.Error(root, $"The spec's name {YamlReader.Quote(name)} is not valid: use letters, digits, '-' and '_' only, at most 128 of them (set 'name:').");
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
                AttemptTimeout = attemptTimeout,

                // The run-wide attempt timeout is each model agent's default, so a model resolver sees the value on the agent.
                Agents = [.. agents.Select(a => a.AttemptTimeout is null && attemptTimeout is not null && a.Human is null ? a with { AttemptTimeout = attemptTimeout } : a)],
                Flow = flow,
            };
    }

    /// <summary>The longest name (of a spec, an agent, an output or a flow).</summary>
    internal const int MaxNameLength = 128;

    /// <summary>The most agents one spec may declare.</summary>
    internal const int MaxAgents = 1000;

    internal static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private ModelSpec? Model(YamlNode node, string what)
    {
        var text = reader.String(node, what);
        if (text is null)
        {
            return null;
        }

        if (!ModelReference.TryParse(text, out var reference, out var error))
        {
            reader.Error(node, error);
            return null;
        }

        return new ModelSpec(reference, reader.At(node));
    }

    private (RunLimits Limits, TimeSpan? AttemptTimeout) Limits(YamlNode node)
    {
        var limits = RunLimits.Default;
        TimeSpan? attemptTimeout = null;
        foreach (var (key, _, value) in reader.Entries(node, "'limits'", LimitKeys))
        {
            switch (key)
            {
                case "max_steps" when reader.PositiveInt(value, "'max_steps'") is { } steps:
                    limits = limits with { MaxSteps = steps };
                    break;
                case "token_budget" when reader.PositiveInt(value, "'token_budget'") is { } budget:
                    limits = limits with { TokenBudget = budget };
                    break;
                case "deadline" when reader.Duration(value, "'deadline'", MaxDeadline, allowNone: true, out var deadline):
                    limits = limits with { Deadline = deadline };
                    break;
                case "attempt_timeout" when reader.Duration(value, "'attempt_timeout'", MaxAttemptTimeout, allowNone: false, out var timeout):
                    attemptTimeout = timeout;
                    break;
                default:
                    break;
            }
        }

        return (limits, attemptTimeout);
    }

    private ImmutableArray<AgentSpec> Agents(YamlNode node)
    {
        var agents = ImmutableArray.CreateBuilder<AgentSpec>();
        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node, $"'agents' must be a mapping from agent name to its settings, not {YamlReader.Describe(node)}.");
            return [];
        }

        if (mapping.Children.Count > MaxAgents)
        {
            reader.Error(node, $"The spec declares {mapping.Children.Count:N0} agents, more than the {MaxAgents:N0} a spec may have; split it into several specs.");
            return [];
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!IsValidName(name))
            {
                reader.Error(keyNode, keyNode is YamlScalarNode
                    ? $"Agent name {YamlReader.Quote(name)} is not valid: use letters, digits, '-' and '_' only, at most 128 of them (for example 'researcher')."
                    : $"Agent names must be plain names, not {YamlReader.Describe(keyNode)} (for example 'researcher').");
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

        var entries = reader.Entries(node, $"agent '{name}'", AgentKeys, misplaced: HumanKeys.MisplacedInAgent);
        var isHuman = entries.Any(e => e.Name == "human");
        foreach (var (key, keyAt, value) in entries)
        {
            if (isHuman && HumanKeys.NotForPeople.TryGetValue(key, out var why))
            {
                reader.Error(keyAt, $"Agent '{name}' is answered by a person ('human:'), so '{key}' does not apply: {why} Remove it.");
                continue;
            }

            agent = key switch
            {
                "instructions" => agent with { Instructions = reader.String(value, "'instructions'")?.Trim() ?? string.Empty },
                "description" => agent with { Description = reader.String(value, "'description'") },
                "model" => agent with { Model = Model(value, $"'model' of agent '{name}'") },
                "fallback" => agent with { Fallback = Fallback(value, name, isHuman) },
                "max_reasks" => agent with { MaxReasks = value is YamlScalarNode { Value: "0" } ? 0 : reader.PositiveInt(value, "'max_reasks'") },
                "context_budget" => agent with { ContextBudget = reader.PositiveInt(value, "'context_budget'") },
                "max_output_tokens" => agent with { MaxOutputTokens = reader.PositiveInt(value, $"'max_output_tokens' of agent '{name}'") },
                "attempt_timeout" => agent with { AttemptTimeout = reader.Duration(value, $"'attempt_timeout' of agent '{name}'", MaxAttemptTimeout, allowNone: false, out var t) ? t : null },
                "reads" => agent with { Reads = reader.Names(value, $"'reads' of agent '{name}'") is { } r ? [.. r] : null },
                "writes" => agent with { Writes = Writes(value, name) },
                "output" => agent with { Output = new OutputContractReader(reader, baseDirectory).Read(value, name) },
                "human" => agent with { Human = new HumanKeys(reader).Human(value, name, reader.At(keyAt)) },
                "approve" => agent with { Approve = new HumanKeys(reader).Approve(value, name) },
                _ => agent,
            };
        }

        return agent;
    }

    private FallbackSpec? Fallback(YamlNode node, string agent, bool isHuman)
    {
        var location = reader.At(node);
        if (node is YamlScalarNode)
        {
            return FallbackModel(node, agent, isHuman) is { } model ? new FallbackSpec { Location = location, Model = model } : null;
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

        var (key, _, value) = entries[0];
        return key switch
        {
            "model" => FallbackModel(value, agent, isHuman) is { } model ? new FallbackSpec { Location = location, Model = model } : null,
            "agent" => reader.String(value, "'agent'") is { Length: > 0 } other ? new FallbackSpec { Location = location, Agent = new NamedReference(other, reader.At(value)) } : null,
            _ => reader.String(value, "'answer'") is { } answer ? new FallbackSpec { Location = location, Answer = answer } : null,
        };
    }

    private ModelSpec? FallbackModel(YamlNode node, string agent, bool isHuman)
    {
        if (isHuman)
        {
            reader.Error(node, $"Agent '{agent}' is answered by a person ('human:'), whose turn calls no model, so a fallback model never applies. Use 'fallback: {{ agent: <name> }}' (another agent or person) or 'fallback: {{ answer: <text> }}' for when nobody answers in time.");
            return null;
        }

        return Model(node, $"'fallback' of agent '{agent}'");
    }

    private string? Writes(YamlNode value, string agent)
    {
        var text = reader.String(value, $"'writes' of agent '{agent}'");
        if (text is not null && !IsValidName(text))
        {
            reader.Error(value, $"Output name {YamlReader.Quote(text)} of agent '{agent}' is not valid: use letters, digits, '-' and '_' only, at most 128 of them.");
            return null;
        }

        return text;
    }
}
