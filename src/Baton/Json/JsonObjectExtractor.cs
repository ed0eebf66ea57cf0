using System.Text;
using System.Text.Json;

namespace Baton;

/// <summary>
/// Finds the one JSON value a model's reply holds: the whole reply, or the only candidate among its fenced blocks and
/// the objects written in its prose. More than one different candidate is ambiguous, never a guess.
/// </summary>
/// <remarks>
/// <para><b>Candidates.</b> When the whole reply (trimmed) is a JSON object, it is the answer. Otherwise the candidates
/// are the bodies of <c>```</c> fenced blocks (any language tag) that are a JSON object, plus every JSON object written
/// in the text outside those blocks (a balanced <c>{...}</c> that parses). Identical candidates count once; an empty
/// object <c>{}</c> does not count when another candidate exists. With arrays allowed, a whole reply or a fenced block
/// that is an array is a candidate too, and when nothing else is found the text from the first <c>[</c> to the last
/// <c>]</c> is tried.</para>
/// <para><b>Bounds.</b> Replies longer than <see cref="MaxReplyChars"/> are not searched; at most
/// <see cref="MaxFences"/> fenced blocks are read; the search for objects in prose does at most
/// <see cref="WorkFactor"/> times the reply's length in steps and <see cref="MaxParseAttempts"/> parses, so every
/// reply is searched in time linear in its length. JSON nesting is limited to 64 levels (the
/// <see cref="JsonDocument"/> default).</para>
/// <para>Pure and thread-safe; never throws for any reply text.</para>
/// </remarks>
internal static class JsonObjectExtractor
{
    /// <summary>The longest reply searched for JSON, in UTF-16 characters (1 MiB of characters).</summary>
    public const int MaxReplyChars = 1 << 20;

    /// <summary>The most fenced blocks read in one reply.</summary>
    public const int MaxFences = 32;

    /// <summary>The most candidate texts parsed while searching one reply's prose.</summary>
    public const int MaxParseAttempts = 128;

    /// <summary>The search in prose stops after this many times the reply's length in scanning steps.</summary>
    public const int WorkFactor = 8;

    private const string Fence = "```";

    /// <summary>Finds the one JSON object (or, with <paramref name="includeArray"/>, object or array) in a reply.</summary>
    /// <param name="text">The reply, trimmed.</param>
    /// <param name="includeArray">Whether an array is an acceptable value too.</param>
    /// <returns>What was found.</returns>
    public static JsonExtraction Extract(string text, bool includeArray = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxReplyChars)
        {
            return new(JsonExtractionStatus.TooLarge);
        }

        if (JsonText.IndexOfLoneSurrogate(text) is var lone and >= 0)
        {
            return new(JsonExtractionStatus.InvalidText, Detail: $"character {lone + 1}");
        }

        // Lone surrogates are ruled out, so the UTF-8 form is exact and offsets can be searched byte-wise.
        var bytes = Encoding.UTF8.GetBytes(text);
        var sawOtherJson = false;
        if (TryParse(bytes, out var whole))
        {
            if (IsWanted(whole, includeArray))
            {
                return Checked(whole);
            }

            sawOtherJson = true;
        }

        var candidates = new Candidates();
        var skip = new List<Range>();
        foreach (var span in FencedSpans(text))
        {
            if (!TryParse(bytes.AsSpan(span), out var value))
            {
                continue;
            }

            // A fenced block that is JSON is one candidate (or none): objects nested in it are not searched again.
            skip.Add(span);
            if (IsWanted(value, includeArray))
            {
                candidates.Add(value);
            }
            else
            {
                sawOtherJson = true;
            }
        }

        ScanObjects(bytes, skip, candidates);

        if (candidates.Count == 1)
        {
            return Checked(candidates.Single);
        }

        if (candidates.Count > 1)
        {
            return new(JsonExtractionStatus.Ambiguous);
        }

        if (includeArray)
        {
            var first = Array.IndexOf(bytes, (byte)'[');
            var last = Array.LastIndexOf(bytes, (byte)']');
            if (first >= 0 && last > first && TryParse(bytes.AsSpan(first, last - first + 1), out var array) && array.ValueKind == JsonValueKind.Array)
            {
                return Checked(array);
            }
        }

        return new(sawOtherJson ? JsonExtractionStatus.WrongKind : JsonExtractionStatus.NoJson);
    }

    private static bool IsWanted(JsonElement value, bool includeArray) =>
        value.ValueKind == JsonValueKind.Object || (includeArray && value.ValueKind == JsonValueKind.Array);

    private static JsonExtraction Checked(JsonElement value) =>
        JsonText.TryFindInvalidText(value, out var path)
            ? new(JsonExtractionStatus.InvalidText, Detail: path.Length == 0 ? "the top-level string" : $"'{JsonText.Clip(path, 80)}'")
            : new(JsonExtractionStatus.Found, value);

    // The UTF-8 byte range of each fenced block's body: from the line after an opening ``` to the next ```.
    private static List<Range> FencedSpans(string text)
    {
        var spans = new List<Range>();
        var at = 0;
        while (spans.Count < MaxFences)
        {
            var open = text.IndexOf(Fence, at, StringComparison.Ordinal);
            var bodyStart = open < 0 ? -1 : text.IndexOf('\n', open);
            var close = bodyStart < 0 ? -1 : text.IndexOf(Fence, bodyStart, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, bodyStart + 1));
            var length = Encoding.UTF8.GetByteCount(text.AsSpan(bodyStart + 1, close - bodyStart - 1));
            spans.Add(new Range(start, start + length));
            at = close + Fence.Length;
        }

        return spans;
    }

    // Every balanced {...} outside the skipped spans that parses as an object, left to right, never overlapping.
    private static void ScanObjects(byte[] bytes, List<Range> skip, Candidates candidates)
    {
        var budget = ((long)WorkFactor * bytes.Length) + 1024;
        var attempts = 0;
        var i = 0;
        while (i < bytes.Length && budget > 0 && attempts < MaxParseAttempts && candidates.Count < 2)
        {
            var open = Array.IndexOf(bytes, (byte)'{', i);
            if (open < 0)
            {
                return;
            }

            if (SkippedUntil(skip, open) is { } after)
            {
                i = after;
                continue;
            }

            if (!StartsObject(bytes, open))
            {
                i = open + 1;
                continue;
            }

            var end = MatchingClose(bytes, open, ref budget);
            if (end < 0)
            {
                i = open + 1;
                continue;
            }

            attempts++;
            budget -= end - open;
            if (TryParse(bytes.AsSpan(open, end - open + 1), out var value) && value.ValueKind == JsonValueKind.Object)
            {
                candidates.Add(value);
                i = end + 1;
            }
            else
            {
                i = open + 1;
            }
        }
    }

    private static int? SkippedUntil(List<Range> skip, int offset)
    {
        foreach (var range in skip)
        {
            if (offset >= range.Start.Value && offset < range.End.Value)
            {
                return range.End.Value;
            }
        }

        return null;
    }

    // A JSON object starts with '{', optional whitespace, then '"' or '}': "{maybe}" and code blocks are skipped cheaply.
    private static bool StartsObject(byte[] bytes, int open)
    {
        for (var j = open + 1; j < bytes.Length; j++)
        {
            switch (bytes[j])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'"' or (byte)'}':
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    // The index of the bracket closing the one at 'open', skipping strings; -1 when unbalanced or the budget runs out.
    private static int MatchingClose(byte[] bytes, int open, ref long budget)
    {
        var depth = 0;
        var inString = false;
        for (var j = open; j < bytes.Length; j++)
        {
            if (--budget <= 0)
            {
                return -1;
            }

            var b = bytes[j];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    j++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0)
                    {
                        return j;
                    }

                    break;
                default:
                    break;
            }
        }

        return -1;
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8, out JsonElement value)
    {
        value = default;
        if (utf8.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);

            // ParseValue stops after one value; anything but whitespace after it means this is not one JSON value.
            if (!IsWhitespace(utf8[(int)reader.BytesConsumed..]))
            {
                return false;
            }

            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    // Distinct candidates by canonical text; an empty object counts only while it is the only candidate.
    private sealed class Candidates
    {
        private readonly List<JsonElement> _values = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private JsonElement? _empty;

        public int Count => _values.Count + (_values.Count == 0 && _empty is not null ? 1 : 0);

        public JsonElement Single => _values.Count == 1 ? _values[0] : _empty!.Value;

        public void Add(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any())
            {
                _empty ??= value;
                return;
            }

            if (_seen.Add(JsonText.Canonical(value)))
            {
                _values.Add(value);
            }
        }
    }
}
