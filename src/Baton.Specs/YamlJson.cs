using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Converts a YAML node (an inline JSON schema) to JSON, typing plain scalars as YAML 1.2's core schema does.</summary>
/// <remarks>
/// Keys must be scalars (a complex key such as <c>? [a, b]</c> has no JSON form) and numbers must be finite; each
/// problem is reported at its node and the conversion returns <see langword="null"/>. The node tree is bounded by
/// <see cref="YamlDocumentLoader"/> (depth and expanded size), so the recursion here is too.
/// </remarks>
internal sealed class YamlJson(YamlReader reader)
{
    private bool _failed;

    public JsonElement? ToElement(YamlNode node, string what)
    {
        _failed = false;
        var json = ToNode(node, what);
        if (_failed)
        {
            return null;
        }

        try
        {
            return json is null
                ? JsonSerializer.SerializeToElement((JsonNode?)null, SpecJsonContext.Default.JsonNode)
                : JsonSerializer.SerializeToElement(json, SpecJsonContext.Default.JsonNode);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            reader.Error(node, $"{what} cannot be converted to JSON: {ex.Message}");
            return null;
        }
    }

    private JsonNode? ToNode(YamlNode node, string what) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping, what),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(c => ToNode(c, what))]),
        YamlScalarNode scalar => ToScalar(scalar, what),
        _ => null,
    };

    private JsonObject ToObject(YamlMappingNode mapping, string what)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                reader.Error(key, $"Keys in {what} must be plain text, not {YamlReader.Describe(key)}; JSON object keys are strings.");
                _failed = true;
                continue;
            }

            result[name] = ToNode(value, what);
        }

        return result;
    }

    private JsonValue? ToScalar(YamlScalarNode scalar, string what)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            default:
                break;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (LooksNumeric(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (double.IsFinite(d))
            {
                return JsonValue.Create(d);
            }

            reader.Error(scalar, $"The number {YamlReader.Quote(text)} in {what} is too large for JSON (at most about 1.8e308); write a smaller number, or quote it to make it text.");
            _failed = true;
            return null;
        }

        return JsonValue.Create(text);
    }

    // double.TryParse also accepts "Infinity", "NaN" and surrounding spaces; YAML's core schema numbers are plainer.
    private static bool LooksNumeric(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E');
}
