using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Baton;

/// <summary>
/// Reads and writes an <see cref="ImmutableArray{T}"/> as a JSON array, refusing <c>null</c> for the array or an item:
/// Baton never writes either, and the serializer's own converter would read a <c>null</c> array as a default
/// <see cref="ImmutableArray{T}"/> that throws the first time it is used.
/// </summary>
/// <typeparam name="T">The item type, which the options' resolver must know.</typeparam>
internal sealed class StrictImmutableArrayConverter<T> : JsonConverter<ImmutableArray<T>>
{
    private JsonTypeInfo<T>? _item;

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a list, found {(reader.TokenType == JsonTokenType.Null ? "null" : reader.TokenType.ToString())}.");
        }

        var item = Item(options);
        var builder = ImmutableArray.CreateBuilder<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null && default(T) is null)
            {
                throw new JsonException("Expected a list without null items.");
            }

            builder.Add(JsonSerializer.Deserialize(ref reader, item)!);
        }

        return builder.ToImmutable();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var item = Item(options);
        writer.WriteStartArray();
        foreach (var element in value.IsDefault ? [] : value)
        {
            JsonSerializer.Serialize(writer, element, item);
        }

        writer.WriteEndArray();
    }

    private JsonTypeInfo<T> Item(JsonSerializerOptions options) => _item ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
