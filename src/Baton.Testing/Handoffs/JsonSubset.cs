using System.Text.Json;

namespace Baton.Testing;

/// <summary>Matches a JSON value against an expected one: objects match on the expected properties, everything else must be equal.</summary>
internal static class JsonSubset
{
    /// <summary>Returns where <paramref name="actual"/> differs from <paramref name="expected"/>, or <see langword="null"/> when it matches.</summary>
    public static string? Mismatch(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind == JsonValueKind.Object)
        {
            if (actual.ValueKind != JsonValueKind.Object)
            {
                return $"{path} is {actual.ValueKind}, expected an object";
            }

            foreach (var property in expected.EnumerateObject())
            {
                if (!actual.TryGetProperty(property.Name, out var value))
                {
                    return $"{path}.{property.Name} is missing";
                }

                if (Mismatch(property.Value, value, $"{path}.{property.Name}") is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        if (expected.ValueKind == JsonValueKind.Array && actual.ValueKind == JsonValueKind.Array)
        {
            if (expected.GetArrayLength() != actual.GetArrayLength())
            {
                return $"{path} has {actual.GetArrayLength()} items, expected {expected.GetArrayLength()}";
            }

            var i = 0;
            foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
            {
                if (Mismatch(e, a, $"{path}[{i++}]") is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        return JsonElement.DeepEquals(expected, actual) ? null : $"{path} is {Shorten(actual.GetRawText())}, expected {Shorten(expected.GetRawText())}";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
