using System.Collections.Immutable;
using Baton.Context;

namespace Baton.Compression;

/// <summary>What an <see cref="IContextCompressor"/> produced.</summary>
/// <param name="View">The compressed view (task, intent and constraints unchanged).</param>
public sealed record ContextCompressionResult(AgentView View)
{
    /// <summary>Gets the strategies that changed the view, in order (empty when nothing changed).</summary>
    public ImmutableArray<string> Strategies { get; init; } = [];

    /// <summary>Gets the outputs left out of the view.</summary>
    public ImmutableArray<string> DroppedOutputs { get; init; } = [];
}
