using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Baton;

/// <summary>Reads JSON values as text without materialising intermediate strings (hot paths: prompts, summaries).</summary>
/// <remarks>
/// <para>Objects, arrays and other non-string values are written in a canonical form (compact, escaping only what JSON
/// requires), never as their source text: a value read back from a store (compact, with <c>&lt;</c>, <c>&amp;</c> or
/// non-ASCII characters escaped by its serializer) must render exactly like the live value the model wrote (maybe
/// indented, unescaped), or a resumed run's prompts would no longer match its journal.</para>
/// <para>Never throws on content: a string holding an escape that is not valid UTF-16 (a lone surrogate such as
/// <c>"\ud83d"</c>, which <see cref="JsonElement.GetString"/> rejects) is rendered as its escaped source text. The
/// parsers reject such replies up front (<see cref="TryFindInvalidText"/>); this only protects values read from
/// elsewhere, such as a tampered journal.</para>
/// </remarks>
internal static class JsonText
{
    private static readonly JsonWriterOptions s_canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="value"/> compactly, escaping only what JSON requires.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The canonical JSON text, or the value's source text when it holds an invalid escape.</returns>
    public static string Canonical(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            using var writer = new Utf8JsonWriter(buffer, s_canonical);
            value.WriteTo(writer);
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate cannot be re-encoded; its source text is the only faithful rendering.
            return value.GetRawText();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Appends <paramref name="value"/> as text: a JSON string's decoded content, any other value's raw JSON
    /// (<see cref="JsonElement.GetString"/>, or <see cref="Canonical"/> for other values).
    /// </summary>
    /// <param name="builder">The builder to append to.</param>
    /// <param name="value">The value.</param>
    public static void Append(StringBuilder builder, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            builder.Append(Canonical(value));
            return;
        }

        if (!TryGetPlainUtf8(value, out var utf8))
        {
            builder.Append(DecodedOrRaw(value));
            return;
        }

        var rented = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        try
        {
            var written = Encoding.UTF8.GetChars(utf8, rented);
            builder.Append(rented, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Gets the length in characters of the text <see cref="Append"/> would write.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The number of UTF-16 characters.</returns>
    /// <remarks>For non-string values this counts the source text; it only sizes summaries, which the journal records.</remarks>
    public static int Length(JsonElement value) =>
        TryGetPlainUtf8(value, out var utf8) ? Encoding.UTF8.GetCharCount(utf8) : DecodedOrRaw(value).Length;

    /// <summary>
    /// Finds a string or property name in <paramref name="value"/> whose escapes do not form valid UTF-16
    /// (a lone surrogate such as <c>"\ud83d"</c>): such a value cannot be read as text, validated or re-encoded.
    /// </summary>
    /// <param name="value">The value to check.</param>
    /// <param name="path">The JSON Pointer of the offending string (<c>""</c> for the value itself), when one is found.</param>
    /// <returns><see langword="true"/> when an invalid string was found.</returns>
    public static bool TryFindInvalidText(JsonElement value, out string path)
    {
        var stack = new Stack<(JsonElement Value, string Path)>();
        stack.Push((value, string.Empty));
        while (stack.Count > 0)
        {
            var (current, at) = stack.Pop();
            switch (current.ValueKind)
            {
                case JsonValueKind.String when !IsReadable(current):
                    path = at;
                    return true;
                case JsonValueKind.Object:
                    foreach (var property in current.EnumerateObject())
                    {
                        if (!IsReadable(property))
                        {
                            path = at + "/" + PointerSegment(JsonMarshal.GetRawUtf8PropertyName(property));
                            return true;
                        }

                        stack.Push((property.Value, at + "/" + Escape(property.Name)));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in current.EnumerateArray())
                    {
                        stack.Push((item, at + "/" + index++));
                    }

                    break;
                default:
                    break;
            }
        }

        path = string.Empty;
        return false;
    }

    /// <summary>Finds the first lone UTF-16 surrogate in <paramref name="text"/> (text no JSON or UTF-8 encoder can carry faithfully).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The index of the first lone surrogate, or -1 when the text is valid UTF-16.</returns>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    /// <summary>Replaces each lone UTF-16 surrogate in <paramref name="text"/> with U+FFFD, as a JSON or UTF-8 encoder would.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, unchanged (the same instance) when it is valid UTF-16.</returns>
    public static string ReplaceLoneSurrogates(string text)
    {
        var first = IndexOfLoneSurrogate(text);
        if (first < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// Folds <paramref name="text"/> onto one line (every line break becomes a space) and shortens it like
    /// <see cref="Clip"/>: for messages that quote outside input, which must stay one line of bounded length.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The most characters to keep (at least 4).</param>
    /// <returns>The text on one line, or its start followed by <c>...</c>.</returns>
    public static string ClipLine(string text, int max) => Clip(text.ReplaceLineEndings(" "), max);

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters for a message, never splitting a surrogate pair.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The most characters to keep (at least 4).</param>
    /// <returns>The text, or its start followed by <c>...</c>.</returns>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 3;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "...");
    }

    // The UTF-8 bytes of the value's text when they need no unescaping: a string's content between its quotes, or
    // any other value's raw JSON. False for a string with escapes, which the caller decodes the ordinary way.
    private static bool TryGetPlainUtf8(JsonElement value, out ReadOnlySpan<byte> utf8)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (value.ValueKind != JsonValueKind.String)
        {
            utf8 = raw;
            return true;
        }

        utf8 = raw[1..^1];
        return !utf8.Contains((byte)'\\');
    }

    private static string DecodedOrRaw(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            return Encoding.UTF8.GetString(raw[1..^1]);
        }
    }

    private static bool IsReadable(JsonElement value)
    {
        if (!JsonMarshal.GetRawUtf8Value(value).Contains((byte)'\\'))
        {
            return true;
        }

        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsReadable(JsonProperty property)
    {
        if (!JsonMarshal.GetRawUtf8PropertyName(property).Contains((byte)'\\'))
        {
            return true;
        }

        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string PointerSegment(ReadOnlySpan<byte> rawName) => Escape(Encoding.UTF8.GetString(rawName));

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
