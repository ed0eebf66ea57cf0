using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton;

/// <summary>
/// Reads a JSON number as a finite <see cref="double"/>: a number too large for one (<c>1e999</c> in a tampered row) is
/// a <see cref="JsonException"/>, instead of an infinity that reads but can never be written again.
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"Expected a number, found {reader.TokenType}.");
        }

        var value = reader.GetDouble();
        return double.IsFinite(value)
            ? value
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"The number is outside the range of a double (about ±{double.MaxValue:E1})."));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
