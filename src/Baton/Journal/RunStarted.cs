using System.Collections.Immutable;
using Baton.Guards;

namespace Baton.Journal;

/// <summary>
/// The first event of every run: what was asked, of which orchestration, under which limits, and which
/// execution holds the run (its lease, epoch 1).
/// </summary>
/// <remarks>
/// Schema version 2 added <see cref="LeaseOwner"/>, <see cref="DefinitionHash"/>, <see cref="SpecPath"/>,
/// <see cref="SpecHash"/> and <see cref="Model"/>; all are optional, so version 1 events still read.
/// </remarks>
public sealed record RunStarted : JournalEvent
{
    /// <summary>Gets the name of the orchestration that runs.</summary>
    public required string Orchestration { get; init; }

    /// <summary>Gets the task exactly as the user asked it.</summary>
    public required string Task { get; init; }

    /// <summary>Gets the one-line intent.</summary>
    public required string Intent { get; init; }

    /// <summary>Gets the constraints every agent must respect.</summary>
    public ImmutableArray<string> Constraints { get => field.IsDefault ? [] : field; init => field = value; } = [];

    /// <summary>Gets the limits the run is held to (kept in the journal so any worker enforces the same ones).</summary>
    public required RunLimits Limits { get; init; }

    /// <summary>
    /// Gets the worker that started the run and holds its first lease (<see cref="JournalEvent.LeaseEpoch"/> 1),
    /// for example <c>host:pid</c>; <see langword="null"/> in journals written without leases (schema version 1).
    /// </summary>
    public string? LeaseOwner { get; init; }

    /// <summary>
    /// Gets a hash of the orchestration's definition, so a worker can tell whether the orchestration it knows by
    /// <see cref="Orchestration"/> is the version the run was started with; <see langword="null"/> when not given.
    /// </summary>
    public string? DefinitionHash { get; init; }

    /// <summary>Gets the path of the spec file the run was started from, if it was started from one.</summary>
    public string? SpecPath { get; init; }

    /// <summary>Gets the SHA-256 of the spec file's text when the run started, if it was started from a spec.</summary>
    public string? SpecHash { get; init; }

    /// <summary>Gets the model the run was started with when it overrode the spec's (for example <c>openai:gpt-4o-mini</c>), if any.</summary>
    public string? Model { get; init; }
}
