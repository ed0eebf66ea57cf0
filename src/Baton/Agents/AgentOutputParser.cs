using System.Text.Json;

namespace Baton.Agents;

/// <summary>Turns an agent's reply text into the JSON value recorded as its output.</summary>
/// <remarks>Pure and thread-safe; never throws for any reply text.</remarks>
internal static class AgentOutputParser
{
    /// <summary>
    /// Parses <paramref name="reply"/> per <paramref name="format"/>: text becomes a JSON string; JSON is the whole
    /// reply when it is one object or array, else the one object or array the reply holds in a <c>```</c> fenced
    /// block or in its prose (two different ones are ambiguous and rejected), else the text from the first <c>[</c>
    /// to the last <c>]</c>.
    /// </summary>
    /// <param name="reply">The agent's reply text.</param>
    /// <param name="format">The agent's output format.</param>
    /// <param name="value">The parsed value (detached from any document).</param>
    /// <param name="error">Why the reply could not be parsed, when it could not.</param>
    /// <returns><see langword="true"/> when the reply was parsed.</returns>
    /// <remarks>
    /// A lone UTF-16 surrogate (half of a character, as a cut stream can leave) cannot be carried by any journal or
    /// provider: in a text reply it becomes U+FFFD; in a JSON reply (raw, or as a <c>\ud83d</c> escape) the reply is
    /// rejected, since the value cannot be read.
    /// </remarks>
    public static bool TryParse(string? reply, AgentOutputFormat format, out JsonElement value, out string? error)
    {
        value = default;
        var text = reply?.Trim() ?? string.Empty;
        if (format == AgentOutputFormat.Text)
        {
            if (text.Length == 0)
            {
                error = "The reply is empty.";
                return false;
            }

            // The same replacement the journal's encoder would make, done here so the output is what is recorded.
            value = JsonSerializer.SerializeToElement(JsonText.ReplaceLoneSurrogates(text), BatonJsonContext.Default.String);
            error = null;
            return true;
        }

        if (text.Length == 0)
        {
            error = "The reply is empty; a JSON value was expected.";
            return false;
        }

        var found = JsonObjectExtractor.Extract(text, includeArray: true);
        if (found.IsFound)
        {
            value = found.Value;
            error = null;
            return true;
        }

        error = found.Status switch
        {
            JsonExtractionStatus.NoJson or JsonExtractionStatus.WrongKind =>
                "The reply holds no valid JSON value. Answer with JSON only, or put it in one ```json fenced block.",
            _ => $"{found.Describe("JSON object or array", "The reply")} Answer with JSON only, or put it in one ```json fenced block.",
        };
        return false;
    }
}
