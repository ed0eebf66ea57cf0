using System.Collections.Immutable;
using System.Text.Json;

namespace Baton.Testing;

/// <summary>What a fixture expects of the agent under test, beyond its contract (the <c>expect</c> object of a fixture file).</summary>
public sealed record HandoffExpectation
{
    /// <summary>Gets the status the run must end with.</summary>
    /// <value>The default is <see cref="RunStatus.Completed"/>.</value>
    public RunStatus Status { get; init; } = RunStatus.Completed;

    /// <summary>Gets texts the output (as text) must contain, ordinal and case-sensitive.</summary>
    public ImmutableArray<string> Contains { get; init; } = [];

    /// <summary>Gets texts the output (as text) must not contain, ordinal and case-insensitive.</summary>
    public ImmutableArray<string> NotContains { get; init; } = [];

    /// <summary>Gets a JSON value the output must match: objects match when every property given matches (extra properties are allowed); other values must be equal.</summary>
    /// <value>The default is <see langword="null"/>: no structural expectation.</value>
    public JsonElement? Output { get; init; }
}
