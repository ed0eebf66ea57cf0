using System.Buffers;
using System.Text.Json;
using Baton.Context;

namespace Baton.Compression;

/// <summary>
/// Shortens long strings in the outputs of a view (text outputs and string values inside JSON outputs), keeping
/// their beginning and appending a marker that says how much was cut. Deterministic; keeps every output.
/// </summary>
/// <remarks>The length limit starts at half the longest string and halves until the view fits or the limit reaches
/// <see cref="MinimumLength"/>.</remarks>
public sealed class TruncatingCompressor : IContextCompressor
{
    /// <summary>The strategy name written in the journal.</summary>
    public const string StrategyName = "truncate";

    /// <summary>Gets the shortest a string is cut to.</summary>
    /// <value>The default is 64 characters.</value>
    public int MinimumLength
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 64;

    /// <summary>Returns the marker appended to a string that was cut.</summary>
    /// <param name="removed">How many characters were cut.</param>
    /// <returns>The marker text.</returns>
    public static string Marker(int removed) => $"… [truncated {removed} chars]";

    /// <inheritdoc />
    public ValueTask<ContextCompressionResult> CompressAsync(ContextCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = request.View;
        if (request.Measure(view) <= request.Budget || view.Outputs.IsDefaultOrEmpty)
        {
            return ValueTask.FromResult(new ContextCompressionResult(view));
        }

        var longest = view.Outputs.Max(o => LongestString(o.Value));
        var limit = longest / 2;
        var current = view;
        while (limit >= MinimumLength)
        {
            current = view with { Outputs = [.. view.Outputs.Select(o => o with { Value = Truncate(o.Value, limit) })] };
            if (request.Measure(current) <= request.Budget)
            {
                break;
            }

            limit /= 2;
        }

        return ValueTask.FromResult(ReferenceEquals(current, view)
            ? new ContextCompressionResult(view)
            : new ContextCompressionResult(current) { Strategies = [StrategyName] });
    }

    internal static JsonElement Truncate(JsonElement value, int limit)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value, limit);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value, int limit)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                writer.WriteStringValue(text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), Marker(text.Length - limit)));
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, limit);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item, limit);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static int LongestString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Length,
        JsonValueKind.Object => value.EnumerateObject().Select(p => LongestString(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => value.EnumerateArray().Select(LongestString).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
