using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Baton.Context;
using Baton.Journal;

namespace Baton.Telemetry;

/// <summary>Sizes, digests and (when enabled) content renderings of journal payloads for spans.</summary>
internal static class TelemetryContent
{
    /// <summary>Estimates tokens as a token per four characters (the same rule as Baton's scripted client).</summary>
    public static int EstimateTokens(int characters) => (characters + 3) / 4;

    public static int EstimateTokens(ImmutableArray<JournalMessage> messages)
    {
        var chars = 0;
        foreach (var m in messages)
        {
            chars += m.Text.Length;
        }

        return EstimateTokens(chars);
    }

    /// <summary>Writes the outputs a receiver reads as one canonical JSON object: names in ordinal order, raw values.</summary>
    public static string Payload(HandoffContext? context, ImmutableArray<string> names)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var name in names.Order(StringComparer.Ordinal))
            {
                if (context is not null && context.Outputs.TryGetValue(name, out var output))
                {
                    writer.WritePropertyName(name);
                    output.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Returns the first <paramref name="length"/> lowercase hex characters of the SHA-256 of <paramref name="text"/>.</summary>
    public static string Digest(string text, int length)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..length];
    }

    /// <summary>Renders messages in the GenAI semantic conventions' shape: <c>[{"role":..,"parts":[{"type":"text","content":..}]}]</c>.</summary>
    public static string Messages(IEnumerable<JournalMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var m in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", m.Role);
                writer.WriteStartArray("parts");
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("content", m.Text);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
