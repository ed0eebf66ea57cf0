using System.Collections.Immutable;
using Baton.Guards;

namespace Baton.Orchestration;

/// <summary>An orchestration's guard that stopped it: which guard, the status the run ends with and why.</summary>
/// <param name="Orchestration">The orchestration whose guard triggered.</param>
/// <param name="Guard">The guard.</param>
/// <param name="Status">The status the run ends with (the guard's status, whatever the fallback does).</param>
/// <param name="Reason">Why, in words (neutral: tools name the setting from <see cref="Limit"/>).</param>
public sealed record GuardStop(string Orchestration, GuardKind Guard, RunStatus Status, string Reason)
{
    /// <summary>Gets the configured limit that triggered the guard, when it was a limit.</summary>
    public LimitKind? Limit { get; init; }

    /// <summary>Gets the repeated routing cycle, for <see cref="GuardKind.Loop"/>.</summary>
    public ImmutableArray<string> Cycle { get; init; } = [];
}
