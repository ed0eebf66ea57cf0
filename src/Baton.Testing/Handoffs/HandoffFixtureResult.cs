using System.Collections.Immutable;
using Baton.Context;

namespace Baton.Testing;

/// <summary>The outcome of one fixture: passed or failed and why, with the run's status, tokens and latency.</summary>
public sealed record HandoffFixtureResult
{
    /// <summary>Gets the fixture's name.</summary>
    public required string Fixture { get; init; }

    /// <summary>Gets the edge case the fixture was generated as, or <see langword="null"/> for a hand-written one.</summary>
    public EdgeCaseKind? EdgeCase { get; init; }

    /// <summary>Gets the reasons the fixture failed; empty when it passed.</summary>
    public ImmutableArray<string> Failures { get; init; } = [];

    /// <summary>Gets whether the fixture passed.</summary>
    public bool Passed => Failures.IsDefaultOrEmpty;

    /// <summary>Gets the status the one-step run ended with.</summary>
    public RunStatus Status { get; init; }

    /// <summary>Gets why the run ended, in words.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Gets the id of the run (in the runner's store).</summary>
    public string RunId { get; init; } = string.Empty;

    /// <summary>Gets the output the agent recorded, if any.</summary>
    public HandoffOutput? Output { get; init; }

    /// <summary>Gets the input tokens the chat client reported.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens the chat client reported.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets how many replies were rejected by validation before the output (each one caused a re-ask or the fallback).</summary>
    public int ValidationFailures { get; init; }

    /// <summary>Gets the time the model calls took, in milliseconds, as journaled.</summary>
    public double LatencyMs { get; init; }
}
