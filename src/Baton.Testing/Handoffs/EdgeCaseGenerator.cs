using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>
/// Derives fixtures in which the upstream agent misbehaves (broken JSON, wrong types, missing fields, no context,
/// oversized output, hard Unicode, injected instructions, forged approvals and routing), so a test shows how the
/// agent under test copes when the agent before it goes wrong.
/// </summary>
/// <remarks>
/// Deterministic: the same seed, fixture and options always give the same fixtures (each case draws from its own
/// random sequence, so adding a kind does not change the others). Generated fixtures expect the run to complete and
/// the output to meet the agent's contract; injection cases also expect the output not to contain the canary the
/// injected text asks for.
/// </remarks>
public sealed class EdgeCaseGenerator
{
    private readonly int _seed;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed: the same seed always generates the same cases.</param>
    public EdgeCaseGenerator(int seed = 0)
    {
        _seed = seed;
    }

    /// <summary>Generates the edge cases of one fixture.</summary>
    /// <param name="fixture">The fixture to derive from (a realistic upstream output).</param>
    /// <param name="options">The options; <see langword="null"/> for every kind with the defaults.</param>
    /// <returns>The generated fixtures, named <c>{fixture}~{kind}</c> (and <c>:{output}</c> when the fixture has several outputs).</returns>
    /// <exception cref="ArgumentException">The options are not valid, or name an output the fixture does not have.</exception>
    public IReadOnlyList<HandoffFixture> Generate(HandoffFixture fixture, EdgeCaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        options ??= new EdgeCaseOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.OversizedTokens, nameof(options));
        var names = options.Outputs is { } chosen ? [.. chosen] : fixture.Outputs.Keys.ToList();
        foreach (var name in names.Where(n => !fixture.Outputs.ContainsKey(n)))
        {
            throw new ArgumentException(
                $"EdgeCaseOptions.Outputs names '{name}', which fixture '{fixture.Name}' does not have. Its outputs: {string.Join(", ", fixture.Outputs.Keys)}.", nameof(options));
        }

        var cases = new List<HandoffFixture>();
        foreach (var kind in options.Kinds.Distinct().Order())
        {
            if (kind == EdgeCaseKind.EmptyContext)
            {
                cases.Add(Derive(fixture, kind, null) with { Outputs = fixture.Outputs.Clear() });
                continue;
            }

            foreach (var name in names)
            {
                var random = new Random(Mix(_seed, fixture.Name, kind, name));
                var mutated = Mutate(kind, fixture.Outputs[name], options, random, out var canary);
                if (mutated is not { } value)
                {
                    continue;
                }

                var derived = Derive(fixture, kind, names.Count > 1 ? name : null) with { Outputs = fixture.Outputs.SetItem(name, value) };
                cases.Add(canary is null ? derived : derived with { Expect = new HandoffExpectation { NotContains = [canary] } });
            }
        }

        return cases;
    }

    /// <summary>Gets the name used for a kind in fixture names (kebab case, for example <c>truncated-json</c>).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    public static string NameOf(EdgeCaseKind kind)
    {
        var text = kind.ToString();
        var sb = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static HandoffFixture Derive(HandoffFixture fixture, EdgeCaseKind kind, string? output) => fixture with
    {
        Name = output is null ? $"{fixture.Name}~{NameOf(kind)}" : $"{fixture.Name}~{NameOf(kind)}:{output}",
        EdgeCase = kind,
        Expect = null,
        AllowMissingInputs = kind is EdgeCaseKind.EmptyContext,
    };

    private static JsonElement? Mutate(EdgeCaseKind kind, JsonElement value, EdgeCaseOptions options, Random random, out string? canary)
    {
        canary = null;
        switch (kind)
        {
            case EdgeCaseKind.TruncatedJson:
                var raw = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                var cut = raw.Length < 2 ? raw.Length : random.Next(Math.Max(1, raw.Length * 3 / 10), Math.Max(2, raw.Length * 7 / 10));
                return Text(raw[..cut]);
            case EdgeCaseKind.WrongTypes:
                return ToElement(WrongType(JsonNode.Parse(value.GetRawText()), topLevel: true));
            case EdgeCaseKind.MissingOptionalFields:
                return DropFields(value, options.UpstreamSchema, random);
            case EdgeCaseKind.Oversized:
                return ToElement(Plant(value, Padding(options.OversizedTokens * 4, random), random, append: true));
            case EdgeCaseKind.Unicode:
                return ToElement(Plant(value, EdgeCaseText.Unicode, random, append: false));
            case EdgeCaseKind.PromptInjection:
                canary = Canary("CANARY", random);
                return ToElement(Plant(value, EdgeCaseText.Injection(canary), random, append: true));
            case EdgeCaseKind.ForgedApproval:
                canary = Canary("APPROVAL", random);
                return ToElement(Plant(value, EdgeCaseText.ForgedApproval(canary), random, append: true));
            case EdgeCaseKind.ForgedRouting:
                canary = Canary("agent", random).ToLowerInvariant();
                return ToElement(Plant(value, EdgeCaseText.ForgedRouting(canary), random, append: true));
            default:
                return null;
        }
    }

    private static JsonNode? WrongType(JsonNode? node, bool topLevel)
    {
        switch (node)
        {
            case JsonObject obj when topLevel:
                var result = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    result[key] = WrongType(child, topLevel: false);
                }

                return result;
            case JsonObject:
                return new JsonArray("unexpected", "array");
            case JsonArray array:
                return new JsonObject { ["unexpected"] = "object", ["count"] = array.Count };
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return topLevel ? new JsonObject { ["text"] = v.GetValue<string>() } : JsonValue.Create(42);
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return JsonValue.Create("not a number");
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create("yes");
            default:
                return new JsonObject { ["unexpected"] = true };
        }
    }

    private static JsonElement? DropFields(JsonElement value, JsonElement? schema, Random random)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var names = value.EnumerateObject().Select(p => p.Name).ToList();
        HashSet<string> drop;
        if (schema is { ValueKind: JsonValueKind.Object } s)
        {
            var required = s.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            drop = names.Where(n => !required.Contains(n)).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            drop = names.Where(_ => random.Next(2) == 0).ToHashSet(StringComparer.Ordinal);
            if (drop.Count == 0 && names.Count > 0)
            {
                drop.Add(names[random.Next(names.Count)]);
            }
        }

        if (drop.Count == 0)
        {
            return null;
        }

        var obj = JsonNode.Parse(value.GetRawText())!.AsObject();
        foreach (var name in drop)
        {
            obj.Remove(name);
        }

        return ToElement(obj);
    }

    /// <summary>Puts <paramref name="text"/> into the value: into its first string (appended or inserted at a seeded place), else into a new field.</summary>
    private static JsonNode Plant(JsonElement value, string text, Random random, bool append)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return JsonValue.Create(Insert(value.GetString()!, text, random, append))!;
        }

        var node = JsonNode.Parse(value.GetRawText())!;
        switch (node)
        {
            case JsonObject obj:
                var first = obj.Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String).Select(p => p.Key).Order(StringComparer.Ordinal).FirstOrDefault();
                if (first is null)
                {
                    obj["note"] = text;
                }
                else
                {
                    obj[first] = Insert(obj[first]!.GetValue<string>(), text, random, append);
                }

                return obj;
            case JsonArray array:
                array.Add((JsonNode?)JsonValue.Create(text));
                return array;
            default:
                return new JsonObject { ["value"] = node, ["note"] = text };
        }
    }

    private static string Insert(string original, string text, Random random, bool append)
    {
        if (append || original.Length == 0)
        {
            return original.Length == 0 ? text : $"{original}\n\n{text}";
        }

        var at = random.Next(original.Length + 1);
        return string.Concat(original.AsSpan(0, at), text, original.AsSpan(at));
    }

    private static string Padding(int characters, Random random)
    {
        var sb = new StringBuilder(characters + 16);
        while (sb.Length <= characters)
        {
            sb.Append(EdgeCaseText.Words[random.Next(EdgeCaseText.Words.Length)]).Append(' ');
        }

        return sb.ToString();
    }

    private static string Canary(string prefix, Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{random.Next(0x1000_0000, int.MaxValue):X8}");

    private static JsonElement Text(string text)
    {
        using var document = JsonDocument.Parse(JsonValue.Create(text)!.ToJsonString());
        return document.RootElement.Clone();
    }

    private static JsonElement ToElement(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    private static int Mix(int seed, string fixture, EdgeCaseKind kind, string output)
    {
        // FNV-1a: string.GetHashCode is randomized per process, and generated cases must be stable across runs.
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in $"{fixture}\u0001{kind}\u0001{output}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFF_FFFF);
    }
}
