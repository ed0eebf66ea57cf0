using System.Collections.Immutable;

namespace Baton.Journal;

/// <summary>Control passed from one agent to the next, with the outputs the receiver reads.</summary>
public sealed record HandoffRecorded : JournalEvent
{
    /// <summary>Gets the agent that handed off, or <see langword="null"/> for the first agent of a run.</summary>
    public string? From { get; init; }

    /// <summary>Gets the agent that takes over.</summary>
    public required string To { get; init; }

    /// <summary>Gets the names of the outputs the receiving agent reads.</summary>
    public ImmutableArray<string> Outputs { get => field.IsDefault ? [] : field; init => field = value; } = [];

    /// <summary>Gets a note passed with the handoff (for example a supervisor's context for the agent).</summary>
    public string? Note { get; init; }
}
