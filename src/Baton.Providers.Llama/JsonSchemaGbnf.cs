using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baton.Providers.Llama;

/// <summary>
/// Translates a JSON schema into a GBNF grammar whose every output is an instance of the schema: objects with their
/// required properties in declared order (all properties when none is required), enums and consts as literals,
/// <c>anyOf</c>/<c>oneOf</c> and type lists as alternatives, arrays within <c>minItems</c>/<c>maxItems</c>, string
/// lengths within <c>minLength</c>/<c>maxLength</c>, and <c>$ref</c> into <c>$defs</c>/<c>definitions</c>.
/// </summary>
/// <remarks>Not enforced: <c>pattern</c>, <c>format</c>, numeric bounds other than the sign of a non-negative minimum.</remarks>
internal sealed class JsonSchemaGbnf
{
    private const int MaxDepth = 16;
    private readonly JsonElement _root;
    private readonly int _maxStringLength;
    private readonly int _maxItems;
    private readonly StringBuilder _rules = new();
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);
    private int _next;

    private JsonSchemaGbnf(JsonElement root, int maxStringLength, int maxItems)
    {
        _root = root;
        _maxStringLength = maxStringLength;
        _maxItems = maxItems;
    }

    public static string Translate(JsonElement schema, int maxStringLength, int maxItems)
    {
        var translator = new JsonSchemaGbnf(schema, maxStringLength, maxItems);
        var root = translator.Rule(schema, 0);
        return $"root ::= {root}\n{translator._rules}" +
               "ws ::= \" \"?\n" +
               "chr ::= [\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]\n" +
               $"str ::= \"\\\"\" chr{{0,{maxStringLength.ToString(CultureInfo.InvariantCulture)}}} \"\\\"\"\n" +
               "int ::= \"-\"? [0-9]{1,9}\n" +
               "uint ::= [0-9]{1,9}\n" +
               "num ::= int (\".\" [0-9]{1,6})?\n" +
               "val ::= str | num | \"true\" | \"false\" | \"null\"\n";
    }

    /// <summary>Returns a GBNF expression (a rule name or a literal) for <paramref name="schema"/>.</summary>
    private string Rule(JsonElement schema, int depth)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer)
        {
            if (_refRules.TryGetValue(pointer, out var existing))
            {
                return existing;
            }

            var name = NewName();
            _refRules[pointer] = name;
            Define(name, Rule(Resolve(pointer), depth + 1));
            return name;
        }

        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return "val";
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Literal(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return Group(values.EnumerateArray().Select(v => Literal(v.GetRawText())));
        }

        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                return Group(branches.EnumerateArray().Select(b => Rule(b, depth + 1)).ToList());
            }
        }

        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
        {
            return Group(type.EnumerateArray().Select(t => ForType(t.GetString(), schema, depth)).ToList());
        }

        var typeName = type.ValueKind == JsonValueKind.String ? type.GetString()
            : schema.TryGetProperty("properties", out _) ? "object"
            : schema.TryGetProperty("items", out _) ? "array"
            : null;
        return ForType(typeName, schema, depth);
    }

    private string ForType(string? type, JsonElement schema, int depth) => type switch
    {
        "object" => Object(schema, depth),
        "array" => Array(schema, depth),
        "string" => String(schema),
        "integer" => Double(schema, "minimum") >= 0 ? "uint" : "int",
        "number" => "num",
        "boolean" => "(\"true\" | \"false\")",
        "null" => "\"null\"",
        _ => "val",
    };

    private string Object(JsonElement schema, int depth)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToList()
            : [];
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        var chosen = properties.Where(x => required.Count == 0 || required.Contains(x.Name)).ToList();
        var parts = chosen.Select(x => $"{Literal(JsonString(x.Name) + ":")} ws {Rule(x.Value, depth + 1)}").ToList();
        foreach (var missing in required.Where(n => n is not null && chosen.All(c => c.Name != n)))
        {
            parts.Add($"{Literal(JsonString(missing!) + ":")} ws val");
        }

        var body = parts.Count == 0 ? string.Empty : " " + string.Join(" \",\" ws ", parts);
        var name = NewName();
        Define(name, $"\"{{\" ws{body} ws \"}}\"");
        return name;
    }

    private string Array(JsonElement schema, int depth)
    {
        var item = schema.TryGetProperty("items", out var items) ? Rule(items, depth + 1) : "val";
        var min = Math.Max(0, Int(schema, "minItems") ?? 0);
        var max = Math.Max(min, Math.Min(Int(schema, "maxItems") ?? _maxItems, Math.Max(_maxItems, min)));
        var name = NewName();
        var more = max - 1 > Math.Max(min - 1, 0) || min > 1 ? $" ( \",\" ws {item} ){{{Math.Max(min - 1, 0)},{max - 1}}}" : string.Empty;
        var body = max == 0 ? string.Empty
            : min == 0 ? $" ( {item}{more} )?"
            : $" {item}{more}";
        Define(name, $"\"[\" ws{body} ws \"]\"");
        return name;
    }

    private string String(JsonElement schema)
    {
        var min = Math.Max(0, Int(schema, "minLength") ?? 0);
        var max = Math.Max(min, Math.Min(Int(schema, "maxLength") ?? _maxStringLength, Math.Max(_maxStringLength, min)));
        if (min == 0 && max == _maxStringLength)
        {
            return "str";
        }

        var name = NewName();
        Define(name, $"\"\\\"\" chr{{{min},{max}}} \"\\\"\"");
        return name;
    }

    private JsonElement Resolve(string pointer)
    {
        var target = _root;
        foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(key, out target))
            {
                return default;
            }
        }

        return target;
    }

    private string NewName() => "r" + (_next++).ToString(CultureInfo.InvariantCulture);

    private void Define(string name, string body) => _rules.Append(name).Append(" ::= ").Append(body).Append('\n');

    private static string Group(IEnumerable<string> alternatives) => "(" + string.Join(" | ", alternatives) + ")";

    private static string JsonString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    private static int? Int(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static double? Double(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
