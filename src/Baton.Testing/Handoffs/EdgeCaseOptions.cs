using System.Collections.Immutable;
using System.Text.Json;

namespace Baton.Testing;

/// <summary>Options for <see cref="EdgeCaseGenerator"/>.</summary>
public sealed record EdgeCaseOptions
{
    /// <summary>Gets the edge cases to generate.</summary>
    /// <value>The default is every <see cref="EdgeCaseKind"/>.</value>
    public ImmutableArray<EdgeCaseKind> Kinds { get; init; } = [.. Enum.GetValues<EdgeCaseKind>()];

    /// <summary>Gets the size, in estimated tokens (four characters each), an oversized output is padded beyond.</summary>
    /// <value>The default is 8,000. Set it just above the agent's context budget. Must be positive.</value>
    public int OversizedTokens { get; init; } = 8_000;

    /// <summary>
    /// Gets the JSON schema of the upstream output (agent N-1's contract), used to tell required fields from
    /// optional ones.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="EdgeCaseKind.MissingOptionalFields"/> drops a seeded half of the fields.</value>
    public JsonElement? UpstreamSchema { get; init; }

    /// <summary>Gets the names of the outputs to make misbehave.</summary>
    /// <value>The default is <see langword="null"/>: every output of the fixture.</value>
    public ImmutableArray<string>? Outputs { get; init; }
}
