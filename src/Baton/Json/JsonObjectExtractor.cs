using System.Text.Json;

namespace Baton;

/// <summary>Finds one JSON object in a model's reply: the whole reply, the first fenced block, or one object wrapped in prose.</summary>
internal static class JsonObjectExtractor
{
    /// <summary>Tries the candidates in order and returns the first that is a JSON object.</summary>
    /// <param name="text">The trimmed reply.</param>
    /// <param name="root">The object (cloned, detached from any document).</param>
    /// <param name="sawJson">Whether some candidate was valid JSON that is not an object.</param>
    /// <returns><see langword="true"/> when an object was found.</returns>
    public static bool TryExtract(string text, out JsonElement root, out bool sawJson)
    {
        sawJson = false;
        foreach (var candidate in Candidates(text))
        {
            if (TryParseObject(candidate, out root, out var isJson))
            {
                return true;
            }

            sawJson |= isJson;
        }

        root = default;
        return false;
    }

    /// <summary>
    /// The places a reply may hold its JSON, in the order they are tried: the whole reply, the first fenced block,
    /// the outermost object, and (with <paramref name="includeArray"/>) the outermost array.
    /// </summary>
    /// <param name="text">The trimmed reply.</param>
    /// <param name="includeArray">Whether an outermost array is a candidate too.</param>
    /// <returns>The candidate texts.</returns>
    public static IEnumerable<string> Candidates(string text, bool includeArray = false)
    {
        yield return text;
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var bodyStart = text.IndexOf('\n', fence);
            var close = bodyStart < 0 ? -1 : text.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (close > bodyStart)
            {
                yield return text[(bodyStart + 1)..close];
            }
        }

        var first = text.IndexOf('{');
        var last = text.LastIndexOf('}');
        if (first >= 0 && last > first)
        {
            yield return text[first..(last + 1)];
        }

        if (includeArray)
        {
            var firstArray = text.IndexOf('[');
            var lastArray = text.LastIndexOf(']');
            if (firstArray >= 0 && lastArray > firstArray)
            {
                yield return text[firstArray..(lastArray + 1)];
            }
        }
    }

    private static bool TryParseObject(string candidate, out JsonElement root, out bool isJson)
    {
        root = default;
        isJson = false;
        try
        {
            using var document = JsonDocument.Parse(candidate);
            isJson = true;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            root = document.RootElement.Clone();
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return false;
        }
    }
}
