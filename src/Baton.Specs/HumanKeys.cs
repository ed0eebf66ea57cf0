using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Reads the keys of people in the loop: an agent's <c>human:</c> block and its <c>approve:</c> gate.</summary>
internal sealed class HumanKeys(YamlReader reader)
{
    internal static readonly string[] HumanBlockKeys = ["question", "assignee", "timeout"];
    internal static readonly string[] ApproveKeys = ["by", "max_rounds"];

    /// <summary>Keys of <c>human:</c> and <c>approve:</c> written directly on the agent, and where they belong.</summary>
    internal static readonly IReadOnlyDictionary<string, string> MisplacedInAgent = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["question"] = "a person's question belongs in the agent's 'human:' block, for example 'human: { question: Approve the refund?, timeout: 4h }'.",
        ["assignee"] = "who is asked belongs in the agent's 'human:' block, for example 'human: { question: ..., assignee: support-leads }'.",
        ["timeout"] = "how long a person may take belongs in the agent's 'human:' block ('human: { question: ..., timeout: 4h }'); a model call's limit is 'attempt_timeout'.",
        ["by"] = "who approves belongs in 'approve:', for example 'approve: { by: lead }'.",
        ["max_rounds"] = "an approval's rounds belong in 'approve:', for example 'approve: { max_rounds: 3 }' (did you mean 'max_reasks'?).",
    };

    /// <summary>Agent keys that have no meaning for a person, with why.</summary>
    internal static readonly IReadOnlyDictionary<string, string> NotForPeople = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["instructions"] = "a person gets no system prompt; say what they must do in 'human: { question: ... }'.",
        ["model"] = "a person's turn never calls a model.",
        ["max_reasks"] = "a person's answer is checked when it is given and refused if it does not fit, never re-asked.",
        ["context_budget"] = "a person's view is never compressed.",
        ["max_output_tokens"] = "a person's turn never calls a model.",
        ["attempt_timeout"] = "a person's turn never calls a model; how long they may take is 'human: { timeout: ... }'.",
    };

    private static readonly IReadOnlyDictionary<string, string> s_misplacedInHuman = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reads"] = "'reads' belongs to the agent, beside 'human:' (a person reads outputs like any agent).",
        ["writes"] = "'writes' belongs to the agent, beside 'human:' (a person writes an output like any agent).",
        ["output"] = "'output' belongs to the agent, beside 'human:' (a person's answer is held to the agent's output contract).",
        ["fallback"] = "'fallback' belongs to the agent, beside 'human:' (it applies when nobody answers in time).",
        ["description"] = "'description' belongs to the agent, beside 'human:'.",
        ["instructions"] = "a person gets no system prompt; say what they must do in 'question'.",
        ["approve"] = "'approve' belongs to the agent whose output is approved, not in 'human:'.",
    };

    private static readonly IReadOnlyDictionary<string, string> s_misplacedInApprove = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["question"] = "declare the person who approves as an agent with 'human: { question: ..., assignee: ..., timeout: ... }' and name it in 'by:'.",
        ["assignee"] = "declare the person who approves as an agent with 'human: { question: ..., assignee: ..., timeout: ... }' and name it in 'by:'.",
        ["timeout"] = "declare the person who approves as an agent with 'human: { question: ..., assignee: ..., timeout: ... }' and name it in 'by:'.",
    };

    /// <summary>Reads <c>human: { question, assignee, timeout }</c>.</summary>
    public HumanSpec? Human(YamlNode node, string agent, SourceLocation location)
    {
        var problems = reader.Diagnostics.Count;
        var what = $"'human' of agent '{agent}'";
        string? question = null, assignee = null;
        TimeSpan? timeout = null;
        var valid = true;
        foreach (var (key, _, value) in reader.Entries(node, what, HumanBlockKeys, misplaced: s_misplacedInHuman))
        {
            switch (key)
            {
                case "question":
                    question = reader.String(value, $"'question' of agent '{agent}'")?.Trim();
                    if (question is { Length: 0 })
                    {
                        reader.Error(value, $"'question' of agent '{agent}' is empty; write what the person is asked, for example 'Decide the resolution for this case.'");
                        valid = false;
                    }

                    break;
                case "assignee":
                    assignee = reader.String(value, $"'assignee' of agent '{agent}'");
                    if (assignee is not null && (string.IsNullOrWhiteSpace(assignee) || assignee.Length > BatonDefaults.RespondentMaxChars || assignee.Any(char.IsControl)))
                    {
                        reader.Error(value, $"'assignee' of agent '{agent}' must name who is asked (a person, a group or a queue) in 1 to {BatonDefaults.RespondentMaxChars} characters without control characters.");
                        assignee = null;
                        valid = false;
                    }

                    break;
                default:
                    valid &= reader.Duration(value, $"'timeout' of agent '{agent}'", SpecParser.MaxHumanTimeout, allowNone: true, out timeout);
                    break;
            }
        }

        // A misspelt 'question' was reported with a suggestion already.
        if (node is YamlMappingNode && question is null && reader.Diagnostics.Count == problems)
        {
            reader.Error(node, $"{what} needs 'question:', what the person is asked, for example 'human: {{ question: Approve the refund?, timeout: 4h }}'.");
        }

        return valid && question is { Length: > 0 }
            ? new HumanSpec { Location = location, Question = question, Assignee = assignee, Timeout = timeout }
            : null;
    }

    /// <summary>Reads <c>approve: true</c>, <c>approve: false</c> or <c>approve: { by, max_rounds }</c>.</summary>
    public ApprovalSpec? Approve(YamlNode node, string agent)
    {
        var location = reader.At(node);
        if (node is YamlScalarNode { Value: var text })
        {
            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
            {
                return new ApprovalSpec { Location = location };
            }

            if (!string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
            {
                reader.Error(node, $"'approve' of agent '{agent}' is {YamlReader.Describe(node)}; write 'approve: true' (a person named '{ApprovalSpec.DefaultApprover(agent)}' approves), or 'approve: {{ by: <person>, max_rounds: 3 }}'.");
            }

            return null;
        }

        NamedReference? by = null;
        int? rounds = null;
        foreach (var (key, _, value) in reader.Entries(node, $"'approve' of agent '{agent}'", ApproveKeys, misplaced: s_misplacedInApprove))
        {
            if (key == "by")
            {
                var person = reader.String(value, $"'by' of agent '{agent}'");
                if (person is { Length: 0 })
                {
                    reader.Error(value, $"'by' of agent '{agent}' is empty; name the person (an agent with 'human:') who approves, or leave 'by' out for '{ApprovalSpec.DefaultApprover(agent)}'.");
                }

                by = person is { Length: > 0 } ? new NamedReference(person, reader.At(value)) : null;
            }
            else
            {
                rounds = reader.PositiveInt(value, $"'max_rounds' of agent '{agent}'");
            }
        }

        return node is YamlMappingNode ? new ApprovalSpec { Location = location, By = by, MaxRounds = rounds } : null;
    }
}
