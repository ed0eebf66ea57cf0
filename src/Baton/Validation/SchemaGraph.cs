using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace Baton.Validation;

/// <summary>
/// Checks on a built schema's graph of subschemas that JsonSchema.Net does not make: unknown keywords, unresolved
/// references, and references that would make one value be checked forever or an exponential number of times.
/// </summary>
/// <remarks>
/// Evaluation recurses on the thread's stack and cannot be cancelled, so a schema such as <c>{"not": {"$ref": "#"}}</c>
/// overflows the stack (ending the process) and a chain of <c>allOf</c>s over <c>$ref</c>s can take longer than any
/// run. Keywords that apply a subschema to the same value (<c>$ref</c>, <c>allOf</c>, <c>not</c>, <c>if</c>, ...)
/// must therefore form no cycle, chain at most <see cref="MaxSameValueDepth"/> deep, and reach at most
/// <see cref="MaxSameValueChecks"/> subschemas from any one; keywords
/// that apply it to a part of the value (<c>properties</c>, <c>items</c>, ...) are bounded by the value's depth.
/// </remarks>
internal static class SchemaGraph
{
    /// <summary>The most subschemas one value may be checked against through keywords that do not descend into it.</summary>
    public const int MaxSameValueChecks = 10_000;

    /// <summary>
    /// The longest chain of such keywords (<c>$ref</c> to <c>$ref</c> to ...): evaluation recurses once per link and
    /// once per level of the value, so both are bounded to keep the stack small.
    /// </summary>
    public const int MaxSameValueDepth = 32;

    // Keywords whose subschemas apply to a part of the value (a property, an item, a property name), so recursion
    // through them ends with the value; and keywords whose subschemas are only definitions, never applied directly.
    private static readonly HashSet<string> s_descending = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "additionalProperties", "items", "prefixItems", "additionalItems", "contains",
        "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema", "$defs", "definitions",
    };

    /// <summary>Every node reachable from the root, each once.</summary>
    public static IEnumerable<JsonSchemaNode> Nodes(JsonSchema compiled)
    {
        var seen = new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchemaNode>();
        if (compiled.Root is { } root)
        {
            pending.Push(root);
        }

        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            yield return node;
            foreach (var keyword in node.Keywords ?? [])
            {
                foreach (var subschema in keyword.Subschemas ?? [])
                {
                    pending.Push(subschema);
                }
            }
        }
    }

    /// <summary>The property names of every schema object that no keyword handler of its dialect recognises.</summary>
    public static IEnumerable<string> UnknownKeywords(JsonSchema compiled)
    {
        foreach (var node in Nodes(compiled))
        {
            if (node.Source.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var known = new HashSet<string>((node.Keywords ?? []).Where(k => k.Handler is not AnnotationKeyword).Select(k => k.Handler.Name), StringComparer.Ordinal);
            foreach (var property in node.Source.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    yield return property.Name;
                }
            }
        }
    }

    /// <summary>The first <c>$ref</c> (or <c>$recursiveRef</c>) the build could not resolve, if any: evaluating it would throw.</summary>
    public static string? UnresolvedReference(JsonSchema compiled)
    {
        foreach (var node in Nodes(compiled))
        {
            foreach (var keyword in node.Keywords ?? [])
            {
                if (keyword.Handler is RefKeyword && keyword.Handler.Name == "$ref" && (keyword.Subschemas is null || keyword.Subschemas.Length == 0))
                {
                    return keyword.RawValue.ValueKind == JsonValueKind.String ? keyword.RawValue.GetString() : keyword.RawValue.GetRawText();
                }
            }
        }

        return null;
    }

    /// <summary>Why evaluating the schema would never finish or take too long, if it would.</summary>
    public static string? EvaluationProblem(JsonSchema compiled)
    {
        var graph = new Walk(Nodes(compiled).ToList());
        foreach (var node in graph.All)
        {
            if (SameValueChecks(node, graph) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    // How many subschemas (itself included) one value is checked against from 'node' without descending into it;
    // a string when that is infinite (a cycle) or more than the limit. Depth is bounded: a path holds each node once.
    private static string? SameValueChecks(JsonSchemaNode node, Walk graph)
    {
        var (checks, onPath) = (graph.Checks, graph.OnPath);
        if (checks.ContainsKey(node))
        {
            return null;
        }

        if (onPath.Count >= MaxSameValueDepth)
        {
            return $"it chains $ref, allOf, anyOf, oneOf, not or if more than {MaxSameValueDepth} deep on one value (at {Where(node)}); flatten the definitions.";
        }

        if (!onPath.Add(node))
        {
            return $"it refers to itself without descending into the value (a cycle through {Where(node)}), so checking a value would never finish. "
                + "Recurse only through keywords such as properties or items.";
        }

        long total = 1;
        foreach (var keyword in node.Keywords ?? [])
        {
            if (s_descending.Contains(keyword.Handler.Name))
            {
                continue;
            }

            foreach (var subschema in Targets(keyword, graph))
            {
                if (SameValueChecks(subschema, graph) is { } problem)
                {
                    onPath.Remove(node);
                    return problem;
                }

                total = Math.Min(total + checks[subschema], MaxSameValueChecks + 1L);
            }
        }

        onPath.Remove(node);
        checks[node] = total;
        return total > MaxSameValueChecks
            ? $"its $ref, allOf, anyOf and oneOf keywords make one value be checked against more than {MaxSameValueChecks:N0} subschemas (from {Where(node)}); share fewer definitions between them."
            : null;
    }

    // A keyword's subschemas; for $dynamicRef and $recursiveRef, which the library resolves only while evaluating,
    // every subschema they could resolve to (each with the matching dynamic or recursive anchor, and the root).
    private static IEnumerable<JsonSchemaNode> Targets(KeywordData keyword, Walk graph)
    {
        if (keyword.Subschemas is { Length: > 0 } subschemas)
        {
            return subschemas;
        }

        var reference = keyword.RawValue.ValueKind == JsonValueKind.String ? keyword.RawValue.GetString() ?? string.Empty : string.Empty;
        var anchor = reference.Contains('#', StringComparison.Ordinal) ? reference[(reference.IndexOf('#', StringComparison.Ordinal) + 1)..] : string.Empty;
        return keyword.Handler.Name switch
        {
            "$dynamicRef" => graph.All.Where(n => Anchor(n, "$dynamicAnchor") == anchor || Anchor(n, "$anchor") == anchor).Append(graph.All[0]),
            "$recursiveRef" => graph.All.Where(n => n.Source.ValueKind == JsonValueKind.Object && n.Source.TryGetProperty("$recursiveAnchor", out var a) && a.ValueKind == JsonValueKind.True).Append(graph.All[0]),
            _ => [],
        };
    }

    private static string? Anchor(JsonSchemaNode node, string keyword) =>
        node.Source.ValueKind == JsonValueKind.Object && node.Source.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The subschema as written, clipped: its position is not public in the library's model.
    private static string Where(JsonSchemaNode node) => JsonText.Clip(node.Source.GetRawText(), 80);

    private sealed class Walk(List<JsonSchemaNode> all)
    {
        public List<JsonSchemaNode> All { get; } = all;

        public Dictionary<JsonSchemaNode, long> Checks { get; } = new(ReferenceEqualityComparer.Instance);

        public HashSet<JsonSchemaNode> OnPath { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
