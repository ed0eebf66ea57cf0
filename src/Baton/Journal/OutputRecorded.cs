using System.Text.Json;

namespace Baton.Journal;

/// <summary>An agent's output entered the context under a name, with its provenance.</summary>
public sealed record OutputRecorded : JournalEvent
{
    /// <summary>Gets the output name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the output value.</summary>
    public required JsonElement Value { get; init; }

    /// <summary>Gets which path produced the output (<see cref="OutputVia.Primary"/> or a fallback).</summary>
    public OutputVia Via { get; init; } = OutputVia.Primary;

    /// <summary>Gets the one-line summary added to the completed steps.</summary>
    public required string Summary { get; init; }
}
