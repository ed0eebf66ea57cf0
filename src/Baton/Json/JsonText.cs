using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Baton;

/// <summary>Reads JSON values as text without materialising intermediate strings (hot paths: prompts, summaries).</summary>
/// <remarks>
/// Objects, arrays and other non-string values are written in a canonical form (compact, escaping only what JSON
/// requires), never as their source text: a value read back from a store (compact, with <c>&lt;</c>, <c>&amp;</c> or
/// non-ASCII characters escaped by its serializer) must render exactly like the live value the model wrote (maybe
/// indented, unescaped), or a resumed run's prompts would no longer match its journal.
/// </remarks>
internal static class JsonText
{
    private static readonly JsonWriterOptions s_canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="value"/> compactly, escaping only what JSON requires.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The canonical JSON text.</returns>
    public static string Canonical(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_canonical))
        {
            value.WriteTo(writer);
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
            builder.Append(value.GetString());
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
        TryGetPlainUtf8(value, out var utf8) ? Encoding.UTF8.GetCharCount(utf8) : value.GetString()!.Length;

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
}
