using System.Collections.Immutable;
using System.Text.Json;

namespace Baton.Testing;

/// <summary>Reads fixture JSON with errors that name the file and the JSON path.</summary>
internal sealed class FixtureReader(string source)
{
    public string Source { get; } = source;

    public void RequireKind(JsonElement element, string path, JsonValueKind kind, string hint)
    {
        if (element.ValueKind != kind)
        {
            throw new HandoffFixtureException(Source, path, $"expected {Describe(kind)}, found {Describe(element.ValueKind)}: {hint}.");
        }
    }

    public void RejectUnknown(JsonElement element, string path, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new HandoffFixtureException(
                    Source, $"{path}.{property.Name}", $"unknown property '{property.Name}'. Known properties: {string.Join(", ", known)}.");
            }
        }
    }

    public string? OptionalString(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireKind(value, $"{path}.{name}", JsonValueKind.String, $"\"{name}\" is text");
        return value.GetString();
    }

    public ImmutableArray<string> StringArray(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        RequireKind(value, $"{path}.{name}", JsonValueKind.Array, $"\"{name}\" is an array of strings");
        var builder = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            RequireKind(item, $"{path}.{name}[{i}]", JsonValueKind.String, $"every item of \"{name}\" is a string");
            var text = item.GetString()!;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new HandoffFixtureException(Source, $"{path}.{name}[{i}]", "the item is empty. Remove it or give it text.");
            }

            builder.Add(text);
            i++;
        }

        return builder.ToImmutable();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
