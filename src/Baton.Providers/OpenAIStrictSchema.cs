using System.Text.Json;

namespace Baton.Providers;

/// <summary>
/// Decides whether a JSON schema can be sent to OpenAI with <c>strict: true</c> unchanged: every object closed
/// (<c>additionalProperties: false</c>) with all its properties required, and only keywords strict mode accepts.
/// A schema that is not strict-compatible is sent unchanged with <c>strict: false</c>, so no keyword is lost.
/// </summary>
internal static class OpenAIStrictSchema
{
    private const int MaxDepth = 32;

    // The keywords OpenAI's strict structured outputs accept; minLength and maxLength, for one, are not among them.
    private static readonly HashSet<string> s_supported = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs",
        "definitions", "description", "title", "pattern", "format", "minItems", "maxItems", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "$schema", "$id",
    };

    public static bool IsCompatible(JsonElement schema) => Check(schema, 0);

    private static bool Check(JsonElement schema, int depth)
    {
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!s_supported.Contains(keyword.Name))
            {
                return false;
            }
        }

        var isObject = schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object";
        if (isObject && !schema.TryGetProperty("properties", out _))
        {
            // An open object (no declared properties) cannot be strict.
            return false;
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object
                || !schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False
                || !schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var requiredNames = required.EnumerateArray().Select(r => r.GetString()).ToHashSet(StringComparer.Ordinal);
            foreach (var property in properties.EnumerateObject())
            {
                if (!requiredNames.Contains(property.Name) || !Check(property.Value, depth + 1))
                {
                    return false;
                }
            }
        }

        return Children(schema, "items") && Children(schema, "anyOf") && Children(schema, "$defs") && Children(schema, "definitions")
            && depth < MaxDepth;

        bool Children(JsonElement parent, string keyword)
        {
            if (!parent.TryGetProperty(keyword, out var child))
            {
                return true;
            }

            return child.ValueKind switch
            {
                JsonValueKind.Object when keyword is "$defs" or "definitions" => child.EnumerateObject().All(d => Check(d.Value, depth + 1)),
                JsonValueKind.Object => Check(child, depth + 1),
                JsonValueKind.Array => child.EnumerateArray().All(c => Check(c, depth + 1)),
                _ => false,
            };
        }
    }
}
