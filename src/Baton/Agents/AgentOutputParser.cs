using System.Text.Json;

namespace Baton.Agents;

/// <summary>Turns an agent's reply text into the JSON value recorded as its output.</summary>
internal static class AgentOutputParser
{
    /// <summary>
    /// Parses <paramref name="reply"/> per <paramref name="format"/>: text becomes a JSON string; JSON is taken from
    /// the whole reply, the first fenced <c>```json</c> block, or the outermost object or array.
    /// </summary>
    /// <param name="reply">The agent's reply text.</param>
    /// <param name="format">The agent's output format.</param>
    /// <param name="value">The parsed value (detached from any document).</param>
    /// <param name="error">Why the reply could not be parsed, when it could not.</param>
    /// <returns><see langword="true"/> when the reply was parsed.</returns>
    public static bool TryParse(string? reply, AgentOutputFormat format, out JsonElement value, out string? error)
    {
        var text = reply?.Trim() ?? string.Empty;
        if (format == AgentOutputFormat.Text)
        {
            if (text.Length == 0)
            {
                value = default;
                error = "The reply is empty.";
                return false;
            }

            value = JsonSerializer.SerializeToElement(text, BatonJsonContext.Default.String);
            error = null;
            return true;
        }

        if (text.Length == 0)
        {
            value = default;
            error = "The reply is empty; a JSON value was expected.";
            return false;
        }

        foreach (var candidate in JsonObjectExtractor.Candidates(text, includeArray: true))
        {
            if (TryParseJson(candidate, out value))
            {
                error = null;
                return true;
            }
        }

        value = default;
        error = "The reply holds no valid JSON value. Answer with JSON only, or put it in one ```json fenced block.";
        return false;
    }

    private static bool TryParseJson(string candidate, out JsonElement value)
    {
        try
        {
            using var doc = JsonDocument.Parse(candidate);
            if (doc.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                value = doc.RootElement.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // Not this candidate; the caller tries the next one.
        }

        value = default;
        return false;
    }
}
