using System.Text;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>Generators of YAML specs: mostly well-formed specs with odd values, then mutated at the text level.</summary>
internal static class SpecInputs
{
    /// <summary>YAML fragments that break loaders: anchors and aliases, complex keys, tabs, document markers, escapes.</summary>
    public static readonly string[] Tokens =
    [
        .. Mutator.CommonTokens,
        "&a ", "*a", "&b [*a, *a, *a, *a]", "---\n", "...\n", "? ", ": ", ":\n", "- ", "|\n  ", ">\n  ", "!!str ", "!!binary ", "%YAML 1.2\n",
        "# c\n", "'", "\"\\ud83d\"", "\"\\U0001F600\"", "\"\\x\"", "\n\t", "\n  - ", "<<: *a\n", "{a: [b, {c: d}]}", "~", "=", "@", "%",
        "workers: [a]", "producer: a", "max_rounds: 3", "max_steps: 0", "deadline: 99999999999h", "attempt_timeout: 0s",
        "max_output_tokens: -1", "model: gguf:/dev/zero", "schema: /dev/zero", "schema: .", "$ref: '#/nope'",
        "human: { question: Approve? }", "human: {}", "human: Approve?", "question: q", "timeout: 721h", "timeout: none", "assignee: \"\\u0007\"",
        "approve: true", "approve: false", "approve: yes", "approve: { by: a }", "approve: { by: b, max_rounds: 0 }", "by: a",
    ];

    private static readonly Gen<string> s_name = Gen.Frequency(
        (6, Gen.OneOf<string>("a", "b", "writer", "reviewer", "desk", "billing", "tech")),
        (1, Gen.OneOf<string>("bad name", "", "x\u0131", "a-very-long-name-" + new string('n', 140), "\"quoted\"", "[list]")));

    private static readonly Gen<string> s_scalar = Gen.Frequency(
        (4, Gen.OneOf<string>("Be brief.", "text", "json", "none", "90s", "10m", "1h30m", "0", "7", "-1", "1e999", "99999999999", "yes", "~", "''", "\"\"")),
        (2, Gen.OneOf<string>("openai:gpt-4o-mini", "rehearsal", "gguf:missing.gguf", "antropic:x", "ollama:", ":", "gguf:/dev/null")),
        (1, Gen.String[0, 12].Select(s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"")));

    // People in the loop: a 'human:' block (question, assignee, timeout) and an 'approve:' gate, with odd values and misspellings.
    private static readonly Gen<string> s_human = Gen.Select(
            Gen.OneOf<string>("question", "assignee", "timeout", "questoin", "reads"),
            Gen.Frequency((5, s_scalar), (1, Gen.OneOf<string>("4h", "721h", "0s", "\"a\\u0007b\"", "[a]")))).Array[0, 3]
        .Select(parts => "{ " + string.Join(", ", parts.Select(p => $"{p.Item1}: {p.Item2}")) + " }");

    private static readonly Gen<string> s_approve = Gen.Frequency(
        (3, Gen.OneOf<string>("true", "false", "yes", "~", "[]")),
        (2, Gen.Select(Gen.OneOf<string>("by", "max_rounds", "timeout", "bye"), Gen.Frequency((3, s_name), (1, s_scalar))).Array[0, 2]
            .Select(parts => "{ " + string.Join(", ", parts.Select(p => $"{p.Item1}: {p.Item2}")) + " }")));

    private static readonly Gen<string> s_agent = Gen.Frequency(
            (6, Gen.Select(
                Gen.OneOf<string>("instructions", "description", "model", "fallback", "reads", "writes", "output", "max_reasks", "context_budget", "max_output_tokens", "attempt_timeout", "instrutions", "question", "aprove"),
                Gen.Frequency((5, s_scalar), (1, s_name.Array[0, 3].Select(n => "[" + string.Join(", ", n) + "]")), (1, SchemaInputs.Schema.Select(s => "{ schema: " + s + " }"))))),
            (1, s_human.Select(h => ("human", h))),
            (1, s_approve.Select(a => ("approve", a))))
        .Array[0, 4]
        .Select(parts => "{ " + string.Join(", ", parts.Select(p => $"{p.Item1}: {p.Item2}")) + " }");

    /// <summary>A flow up to <paramref name="depth"/> levels of nesting.</summary>
    private static Gen<string> Flow(int depth)
    {
        var names = s_name.Array[1, 3].Select(n => "[" + string.Join(", ", n) + "]");
        var leaf = Gen.Frequency(
            (3, s_name),
            (2, names.Select(n => $"{{ sequential: {n} }}")),
            (2, Gen.Select(s_name, names, Gen.OneOf<string>("specialists", "workers"), Gen.OneOf<string>("max_steps", "max_rounds"), s_scalar, (s, n, k, m, v) => $"{{ supervisor: {{ supervisor: {s}, {k}: {n}, {m}: {v} }} }}")),
            (2, Gen.Select(s_name, s_name, Gen.OneOf<string>("writer", "producer"), (w, r, k) => $"{{ review_loop: {{ {k}: {w}, reviewer: {r} }} }}")));
        if (depth == 0)
        {
            return leaf;
        }

        var child = Flow(depth - 1);
        return Gen.Frequency((3, leaf), (1, child.Array[1, 3].Select(c => "{ sequential: [" + string.Join(", ", c) + "] }")));
    }

    /// <summary>A spec: top-level keys in any order, odd values, sometimes deep nesting or alias bombs, then mutated.</summary>
    public static readonly Gen<string> Spec = Mutator.Mutate(
        Gen.Select(
            Gen.Select(s_name, s_agent).Array[0, 4],
            Flow(3),
            Gen.Select(Gen.OneOf<string>("max_steps", "deadline", "token_budget", "attempt_timeout", "limts"), s_scalar).Array[0, 3],
            Gen.Int[0, 9],
            Gen.Int[0, 100],
            (agents, flow, limits, extra, size) =>
            {
                var yaml = new StringBuilder();
                yaml.Append("name: fuzz\n");
                if (limits.Length > 0)
                {
                    yaml.Append("limits:\n");
                    foreach (var (key, value) in limits)
                    {
                        yaml.Append($"  {key}: {value}\n");
                    }
                }

                yaml.Append("agents:\n");
                foreach (var (name, agent) in agents)
                {
                    yaml.Append($"  {name}: {agent}\n");
                }

                yaml.Append($"flow: {flow}\n");
                return extra switch
                {
                    0 => yaml.Append("nest: ").Append('[', size).Append(']', size).Append('\n').ToString(),
                    1 => yaml.Append(Bomb(1 + (size % 6))).ToString(),
                    2 => yaml.Append("loop: &r [1, *r]\n").ToString(),
                    3 => yaml.Append("? [complex, key]\n: v\n").ToString(),
                    4 => yaml.Replace("  ", "\t", 0, Math.Min(yaml.Length, 40)).ToString(),
                    _ => yaml.ToString(),
                };
            }),
        Tokens);

    // An alias bomb of the given depth: each level holds ten aliases of the one before.
    private static string Bomb(int levels)
    {
        var yaml = new StringBuilder("b0: &b0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= levels; i++)
        {
            yaml.Append($"b{i}: &b{i} [{string.Join(", ", Enumerable.Repeat($"*b{i - 1}", 10))}]\n");
        }

        return yaml.ToString();
    }
}
