using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Agents;

/// <summary>
/// How a provider enforces a requested JSON schema on a model's reply, recorded on every model call so the journal
/// says whether a reply was constrained or only validated afterwards.
/// </summary>
/// <remarks>A string-backed value, compared ordinally, written to the journal as its string; providers may define their own.</remarks>
[JsonConverter(typeof(Converter))]
public readonly record struct StructuredOutputMechanism
{
    /// <summary>Creates a mechanism from its name.</summary>
    /// <param name="value">The name, for example <c>json_schema</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public StructuredOutputMechanism(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>Gets the mechanism's name.</summary>
    public string Value => field ?? None.Value;

    /// <summary>Gets the mechanism of a provider that cannot enforce a schema: the reply is only validated.</summary>
    public static StructuredOutputMechanism None { get; } = new("none");

    /// <summary>Gets OpenAI-style <c>response_format: json_schema</c> (OpenAI and compatible servers).</summary>
    public static StructuredOutputMechanism JsonSchema { get; } = new("json_schema");

    /// <summary>Gets a forced tool call whose input schema is the contract (Anthropic).</summary>
    public static StructuredOutputMechanism Tool { get; } = new("tool");

    /// <summary>Gets Ollama's <c>format</c> schema.</summary>
    public static StructuredOutputMechanism Format { get; } = new("format");

    /// <summary>Gets a GBNF grammar (local GGUF models).</summary>
    public static StructuredOutputMechanism Grammar { get; } = new("gbnf");

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Reads and writes a <see cref="StructuredOutputMechanism"/> as a JSON string.</summary>
    public sealed class Converter : JsonConverter<StructuredOutputMechanism>
    {
        /// <inheritdoc />
        public override StructuredOutputMechanism Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } value && !string.IsNullOrWhiteSpace(value)
                ? new StructuredOutputMechanism(value)
                : throw new JsonException("A structured-output mechanism must be a non-empty string.");

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, StructuredOutputMechanism value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
