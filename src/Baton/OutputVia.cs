using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton;

/// <summary>
/// Which path produced an output or served a model call: the agent's own model (<see cref="Primary"/>), or a
/// fallback. Recorded in the journal as a string (<c>primary</c>, <c>fallback:agent:backup</c>, ...).
/// </summary>
/// <remarks>
/// <para>A string-backed value, like Microsoft.Extensions.AI's <c>ChatRole</c>: open-ended (resilience middleware
/// names its own paths through <c>BatonChatResponseProperties.ServedBy</c>), compared ordinally. The
/// <see langword="default"/> value is <see cref="Primary"/>.</para>
/// </remarks>
[JsonConverter(typeof(Converter))]
public readonly struct OutputVia : IEquatable<OutputVia>
{
    private const string PrimaryValue = "primary";
    private readonly string? _value;

    /// <summary>Creates a path from its name.</summary>
    /// <param name="value">The name, for example <c>fallback:openai:gpt-4o-mini</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public OutputVia(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets the agent's own model: no fallback was involved.</summary>
    public static OutputVia Primary { get; } = new(PrimaryValue);

    /// <summary>Gets an orchestration's guard fallback (a fixed answer recorded when a guard stopped it).</summary>
    public static OutputVia Fallback { get; } = new("fallback");

    /// <summary>Gets an agent's fixed-answer fallback.</summary>
    public static OutputVia FixedAnswer { get; } = new("fallback:fixed");

    /// <summary>Gets a supervisor copying a specialist's result, or recording its note for a nested orchestration.</summary>
    public static OutputVia Supervisor { get; } = new("supervisor");

    /// <summary>Gets the path's name as written in the journal.</summary>
    public string Value => _value ?? PrimaryValue;

    /// <summary>Gets whether this is <see cref="Primary"/>.</summary>
    public bool IsPrimary => Value == PrimaryValue;

    /// <summary>Gets the path of an agent's fallback agent: <c>fallback:agent:{name}</c>.</summary>
    /// <param name="agent">The fallback agent's name.</param>
    /// <returns>The path.</returns>
    public static OutputVia FallbackAgent(string agent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        return new("fallback:agent:" + agent);
    }

    /// <summary>Compares two paths ordinally.</summary>
    /// <param name="left">The first path.</param>
    /// <param name="right">The second path.</param>
    /// <returns><see langword="true"/> when they name the same path.</returns>
    public static bool operator ==(OutputVia left, OutputVia right) => left.Equals(right);

    /// <summary>Compares two paths ordinally.</summary>
    /// <param name="left">The first path.</param>
    /// <param name="right">The second path.</param>
    /// <returns><see langword="true"/> when they name different paths.</returns>
    public static bool operator !=(OutputVia left, OutputVia right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OutputVia other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OutputVia other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Reads and writes an <see cref="OutputVia"/> as a JSON string.</summary>
    public sealed class Converter : JsonConverter<OutputVia>
    {
        /// <inheritdoc />
        public override OutputVia Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } value && !string.IsNullOrWhiteSpace(value)
                ? new OutputVia(value)
                : throw new JsonException("A path name ('via', 'served_by') must be a non-empty string.");

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, OutputVia value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
