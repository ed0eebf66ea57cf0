using System.Collections.Immutable;
using Baton.Guards;

namespace Baton.Journal;

/// <summary>The first event of every run: what was asked, of which orchestration, under which limits.</summary>
public sealed record RunStarted : JournalEvent
{
    /// <summary>Gets the name of the orchestration that runs.</summary>
    public required string Orchestration { get; init; }

    /// <summary>Gets the task exactly as the user asked it.</summary>
    public required string Task { get; init; }

    /// <summary>Gets the one-line intent.</summary>
    public required string Intent { get; init; }

    /// <summary>Gets the constraints every agent must respect.</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets the limits the run is held to (kept in the journal so any worker enforces the same ones).</summary>
    public required RunLimits Limits { get; init; }
}
