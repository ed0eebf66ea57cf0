using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Reads a spec's <c>flow:</c>: an agent name, or a <c>sequential</c>, <c>supervisor</c> or <c>review_loop</c> flow, nested freely.</summary>
/// <remarks>
/// Keys match the library's names (<c>specialists</c> and <c>max_steps</c> as on <c>SupervisorOrchestration</c>,
/// <c>writer</c> as on <c>ReviewLoop</c>). The older <c>workers</c>, supervisor <c>max_rounds</c> and
/// <c>producer</c> are still read, with a deprecation warning.
/// </remarks>
internal sealed class FlowParser(YamlReader reader)
{
    internal static readonly string[] FlowKinds = ["sequential", "supervisor", "review_loop"];
    internal static readonly string[] SequentialKeys = ["name", "steps"];
    internal static readonly string[] SupervisorKeys = ["name", "supervisor", "specialists", "max_steps"];
    internal static readonly string[] ReviewKeys = ["name", "writer", "reviewer", "max_rounds"];

    /// <summary>Old supervisor keys and the names that replace them.</summary>
    internal static readonly IReadOnlyDictionary<string, string> RenamedSupervisorKeys =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["workers"] = "specialists", ["max_rounds"] = "max_steps" };

    /// <summary>Old review-loop keys and the names that replace them.</summary>
    internal static readonly IReadOnlyDictionary<string, string> RenamedReviewKeys =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["producer"] = "writer" };

    public FlowSpec? Flow(YamlNode node)
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

        var (kind, key, body) = entries[0];
        var location = reader.At(key);
        return kind switch
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
            foreach (var (key, _, value) in reader.Entries(body, "a sequential flow", SequentialKeys))
            {
                if (key == "name")
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
        List<NamedReference>? specialists = null;
        int? steps = null;
        foreach (var (key, _, value) in reader.Entries(body, "a supervisor flow", SupervisorKeys, RenamedSupervisorKeys))
        {
            switch (key)
            {
                case "name": name = FlowName(value); break;
                case "supervisor": supervisor = Agent(value, "'supervisor'"); break;
                case "specialists": specialists = reader.Names(value, "'specialists'"); break;
                case "max_steps": steps = reader.PositiveInt(value, "'max_steps'"); break;
                default: break;
            }
        }

        if (supervisor is null)
        {
            reader.Error(body, "A supervisor flow needs 'supervisor: <agent>' naming the agent that routes the work.");
        }

        if (specialists is not { Count: > 0 })
        {
            reader.Error(body, "A supervisor flow needs 'specialists: [<agent>, ...]' naming the agents it may route to.");
        }

        return supervisor is null || specialists is not { Count: > 0 }
            ? null
            : new SupervisorFlowSpec { Location = location, Name = name, Supervisor = supervisor.Value, Specialists = [.. specialists], MaxSteps = steps };
    }

    private ReviewLoopFlowSpec? ReviewLoop(YamlNode body, SourceLocation location)
    {
        string? name = null;
        NamedReference? writer = null, reviewer = null;
        int? rounds = null;
        foreach (var (key, _, value) in reader.Entries(body, "a review_loop flow", ReviewKeys, RenamedReviewKeys))
        {
            switch (key)
            {
                case "name": name = FlowName(value); break;
                case "writer": writer = Agent(value, "'writer'"); break;
                case "reviewer": reviewer = Agent(value, "'reviewer'"); break;
                case "max_rounds": rounds = reader.PositiveInt(value, "'max_rounds'"); break;
                default: break;
            }
        }

        if (writer is null || reviewer is null)
        {
            reader.Error(body, "A review_loop flow needs 'writer: <agent>' and 'reviewer: <agent>'.");
            return null;
        }

        return new ReviewLoopFlowSpec { Location = location, Name = name, Writer = writer.Value, Reviewer = reviewer.Value, MaxRounds = rounds };
    }

    private NamedReference? Agent(YamlNode value, string what) =>
        reader.String(value, what) is { Length: > 0 } agent ? new NamedReference(agent, reader.At(value)) : null;

    private string? FlowName(YamlNode value)
    {
        var text = reader.String(value, "a flow's 'name'");
        if (text is not null && !SpecParser.IsValidName(text))
        {
            reader.Error(value, $"Flow name {YamlReader.Quote(text)} is not valid: use letters, digits, '-' and '_' only, at most 128 of them.");
            return null;
        }

        return text;
    }
}
