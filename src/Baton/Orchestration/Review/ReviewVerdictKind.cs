using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Orchestration.Review;

/// <summary>A reviewer's verdict on a draft, as parsed and as recorded in <see cref="Journal.ReviewVerdictRecorded.Verdict"/>.</summary>
/// <remarks>A string-backed value (like Microsoft.Extensions.AI's <c>ChatRole</c>), compared ordinally and written to
/// the journal as its string: <c>approved</c>, <c>revise</c> or <c>unreadable</c>.</remarks>
[JsonConverter(typeof(Converter))]
public readonly struct ReviewVerdictKind : IEquatable<ReviewVerdictKind>
{
    private readonly string? _value;

    /// <summary>Creates a verdict kind from its name.</summary>
    /// <param name="value">The name, for example <c>approved</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public ReviewVerdictKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets the verdict that accepts the draft; the loop ends.</summary>
    public static ReviewVerdictKind Approved { get; } = new("approved");

    /// <summary>Gets the verdict that asks for a revision with the reviewer's feedback.</summary>
    public static ReviewVerdictKind Revise { get; } = new("revise");

    /// <summary>Gets a reply that held no verdict; the loop treats it as a revision request (see <see cref="ReviewLoopOptions.ReaskUnreadableVerdicts"/>).</summary>
    public static ReviewVerdictKind Unreadable { get; } = new("unreadable");

    /// <summary>Gets the verdict's name as written in the journal.</summary>
    public string Value => _value ?? Approved.Value;

    /// <summary>Compares two kinds ordinally.</summary>
    /// <param name="left">The first kind.</param>
    /// <param name="right">The second kind.</param>
    /// <returns><see langword="true"/> when they are the same.</returns>
    public static bool operator ==(ReviewVerdictKind left, ReviewVerdictKind right) => left.Equals(right);

    /// <summary>Compares two kinds ordinally.</summary>
    /// <param name="left">The first kind.</param>
    /// <param name="right">The second kind.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ReviewVerdictKind left, ReviewVerdictKind right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ReviewVerdictKind other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReviewVerdictKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Reads and writes a <see cref="ReviewVerdictKind"/> as a JSON string.</summary>
    public sealed class Converter : JsonConverter<ReviewVerdictKind>
    {
        /// <inheritdoc />
        public override ReviewVerdictKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } value && !string.IsNullOrWhiteSpace(value)
                ? new ReviewVerdictKind(value)
                : throw new JsonException("A review verdict must be a non-empty string.");

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, ReviewVerdictKind value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
