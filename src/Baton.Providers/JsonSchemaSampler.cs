using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Baton.Providers;

/// <summary>
/// Writes a small instance that satisfies a JSON schema: objects with their required properties (all properties
/// when none is marked required), strings like <c>&lt;rehearsal: field&gt;</c>, arrays with one item, the first enum
/// value, numbers within their bounds. Deterministic: the same schema gives the same bytes.
/// </summary>
/// <remarks>
/// Supports <c>type</c> (a name or a list), <c>enum</c>, <c>const</c>, <c>$ref</c> into <c>$defs</c>/<c>definitions</c>,
/// <c>anyOf</c>/<c>oneOf</c> (the first usable branch), <c>allOf</c> (merged), string length and <c>format</c>, numeric
/// bounds and <c>multipleOf</c>, <c>minItems</c>/<c>maxItems</c>. <c>pattern</c> is not honoured.
/// </remarks>
internal static class JsonSchemaSampler
{
    private const int MaxDepth = 12;

    // Placeholders such as "<rehearsal: x>" stay readable in journals and traces instead of "\u003C...".
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Sample(JsonElement schema, string rootName)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer, schema, schema, rootName, 0);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement root, JsonElement schema, string name, int depth)
    {
        schema = Resolve(root, schema);
        if (schema.ValueKind == JsonValueKind.False)
        {
            writer.WriteNullValue();
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            WriteString(writer, schema, name);
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }

        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                // Prefer a branch that is not just "null", so the placeholder shows the real shape.
                var branch = branches.EnumerateArray().FirstOrDefault(b => TypeOf(Resolve(root, b)) != "null");
                Write(writer, root, branch.ValueKind == JsonValueKind.Undefined ? branches[0] : branch, name, depth + 1);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, root, schema, depth);
                break;
            case "array":
                WriteArray(writer, root, schema, name, depth);
                break;
            case "integer":
                writer.WriteNumberValue((long)Number(schema, integer: true));
                break;
            case "number":
                writer.WriteNumberValue(Number(schema, integer: false));
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                WriteString(writer, schema, name);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement root, JsonElement schema, int depth)
    {
        var properties = new List<(string Name, JsonElement Schema)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        Collect(root, schema, properties, required);
        writer.WriteStartObject();
        if (depth < MaxDepth)
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (propertyName, propertySchema) in properties)
            {
                if ((required.Count == 0 || required.Contains(propertyName)) && written.Add(propertyName))
                {
                    writer.WritePropertyName(propertyName);
                    Write(writer, root, propertySchema, propertyName, depth + 1);
                }
            }

            // A required name with no declared schema still has to be present.
            foreach (var missing in required.Where(r => !written.Contains(r)).Order(StringComparer.Ordinal))
            {
                writer.WriteString(missing, $"<rehearsal: {missing}>");
            }
        }

        writer.WriteEndObject();
    }

    private static void Collect(JsonElement root, JsonElement schema, List<(string, JsonElement)> properties, HashSet<string> required)
    {
        schema = Resolve(root, schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in props.EnumerateObject())
            {
                properties.Add((p.Name, p.Value));
            }
        }

        if (schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in req.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String))
            {
                required.Add(r.GetString()!);
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in all.EnumerateArray())
            {
                Collect(root, part, properties, required);
            }
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, JsonElement root, JsonElement schema, string name, int depth)
    {
        var min = Int(schema, "minItems") ?? 0;
        var max = Int(schema, "maxItems") ?? int.MaxValue;
        var count = Math.Min(Math.Max(1, min), max);
        writer.WriteStartArray();
        if (depth < MaxDepth && schema.TryGetProperty("items", out var items) && items.ValueKind is JsonValueKind.Object or JsonValueKind.True)
        {
            for (var i = 0; i < count; i++)
            {
                Write(writer, root, items, $"{name}[{i}]", depth + 1);
            }
        }
        else if (depth < MaxDepth && !schema.TryGetProperty("items", out _))
        {
            for (var i = 0; i < count; i++)
            {
                writer.WriteStringValue($"<rehearsal: {name}[{i}]>");
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteString(Utf8JsonWriter writer, JsonElement schema, string name)
    {
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var text = format switch
        {
            "date-time" => "2000-01-01T00:00:00Z",
            "date" => "2000-01-01",
            "time" => "00:00:00Z",
            "email" => "rehearsal@example.com",
            "uri" or "url" => "https://example.com/rehearsal",
            "uuid" => "00000000-0000-0000-0000-000000000000",
            _ => $"<rehearsal: {name}>",
        };
        if (schema.ValueKind == JsonValueKind.Object)
        {
            var minLength = Int(schema, "minLength") ?? 0;
            var maxLength = Int(schema, "maxLength") ?? int.MaxValue;
            if (text.Length < minLength)
            {
                text = text.PadRight(minLength, '.');
            }

            if (text.Length > maxLength)
            {
                text = text[..maxLength];
            }
        }

        writer.WriteStringValue(text);
    }

    private static double Number(JsonElement schema, bool integer)
    {
        var step = integer ? 1 : 0.5;
        var low = Double(schema, "minimum") ?? (Double(schema, "exclusiveMinimum") is { } exMin ? exMin + step : null);
        var high = Double(schema, "maximum") ?? (Double(schema, "exclusiveMaximum") is { } exMax ? exMax - step : null);
        var value = Math.Max(low ?? 0, Math.Min(0, high ?? 0));
        if (high is { } h && value > h)
        {
            value = h;
        }

        if (Double(schema, "multipleOf") is { } multiple && multiple > 0)
        {
            value = Math.Ceiling(value / multiple) * multiple;
        }

        return integer ? Math.Ceiling(value) : value;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString();
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var names = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()).ToList();
                return names.FirstOrDefault(n => n != "null") ?? names.FirstOrDefault();
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array
            && all.EnumerateArray().Select(TypeOf).FirstOrDefault(t => t is not null) is { } fromParts)
        {
            return fromParts;
        }

        return schema.TryGetProperty("properties", out _) || schema.TryGetProperty("required", out _) ? "object"
            : schema.TryGetProperty("items", out _) ? "array"
            : null;
    }

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object
             && schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer; hops++)
        {
            if (!pointer.StartsWith('#'))
            {
                break;
            }

            var target = root;
            foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(key, out target))
                {
                    return default;
                }
            }

            schema = target;
        }

        return schema;
    }

    private static int? Int(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static double? Double(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number
            ? double.Parse(v.GetRawText(), CultureInfo.InvariantCulture)
            : null;
}
