using System.Text.Json;

namespace Baton.Context;

/// <summary>
/// A named output recorded in a <see cref="HandoffContext"/>: a structured JSON value and where it came from.
/// </summary>
/// <remarks>Instances are immutable. The value is a detached <see cref="JsonElement"/> (it owns its own document).</remarks>
public sealed record HandoffOutput
{
    /// <summary>Gets the name other agents use to read this output (an agent's <c>Writes</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the value: a JSON object or array for structured outputs, a JSON string for text outputs.</summary>
    public required JsonElement Value { get; init; }

    /// <summary>Gets the name of the agent that produced the value.</summary>
    public required string ProducedBy { get; init; }

    /// <summary>Gets the step number (1-based) in which the value was produced.</summary>
    public required int Step { get; init; }

    /// <summary>Gets when the value was recorded, from the run's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets which path produced the value: <see cref="OutputVia.Primary"/>, or a fallback.</summary>
    public OutputVia Via { get; init; } = OutputVia.Primary;

    /// <summary>Returns the value as text: a JSON string's contents, otherwise the JSON itself.</summary>
    /// <returns>The text form of <see cref="Value"/>.</returns>
    public string ToText() =>
        Value.ValueKind == JsonValueKind.String ? Value.GetString() ?? string.Empty : JsonText.Canonical(Value);
}
