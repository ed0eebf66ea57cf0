using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Guards;

/// <summary>
/// Which guard stopped an orchestration, as recorded in <see cref="Journal.GuardTriggered.Guard"/>: a step or round
/// limit, a routing loop, unusable supervisor decisions, or a run-wide budget or deadline.
/// </summary>
/// <remarks>A string-backed value (like Microsoft.Extensions.AI's <c>ChatRole</c>), compared ordinally and written to
/// the journal as its string.</remarks>
[JsonConverter(typeof(Converter))]
public readonly struct GuardKind : IEquatable<GuardKind>
{
    private readonly string? _value;

    /// <summary>Creates a guard kind from its name.</summary>
    /// <param name="value">The name, for example <c>step_limit</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public GuardKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets a step limit: the run-wide one, or a supervisor's own.</summary>
    public static GuardKind StepLimit { get; } = new("step_limit");

    /// <summary>Gets a review loop's round limit.</summary>
    public static GuardKind RoundLimit { get; } = new("round_limit");

    /// <summary>Gets loop detection: a routing cycle repeated with unchanged outputs.</summary>
    public static GuardKind Loop { get; } = new("loop");

    /// <summary>Gets a supervisor that gave no usable decision after its re-asks.</summary>
    public static GuardKind InvalidDecision { get; } = new("invalid_decision");

    /// <summary>Gets the run's token budget.</summary>
    public static GuardKind TokenBudget { get; } = new("token_budget");

    /// <summary>Gets the run's deadline.</summary>
    public static GuardKind Deadline { get; } = new("deadline");

    /// <summary>Gets the guard's name as written in the journal.</summary>
    public string Value => _value ?? StepLimit.Value;

    /// <summary>Compares two kinds ordinally.</summary>
    /// <param name="left">The first kind.</param>
    /// <param name="right">The second kind.</param>
    /// <returns><see langword="true"/> when they are the same.</returns>
    public static bool operator ==(GuardKind left, GuardKind right) => left.Equals(right);

    /// <summary>Compares two kinds ordinally.</summary>
    /// <param name="left">The first kind.</param>
    /// <param name="right">The second kind.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(GuardKind left, GuardKind right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(GuardKind other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GuardKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Reads and writes a <see cref="GuardKind"/> as a JSON string.</summary>
    public sealed class Converter : JsonConverter<GuardKind>
    {
        /// <inheritdoc />
        public override GuardKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } value && !string.IsNullOrWhiteSpace(value)
                ? new GuardKind(value)
                : throw new JsonException("A guard name must be a non-empty string.");

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, GuardKind value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
