using Baton.Guards;

namespace Baton.Journal;

/// <summary>The last event of every run (until a resume continues it): how it ended and why.</summary>
public sealed record RunEnded : JournalEvent
{
    /// <summary>Gets the final status.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Gets why the run ended, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the name of the output that is the run's final result, if any.</summary>
    public string? FinalOutput { get; init; }

    /// <summary>Gets the configured limit that ended the run, when one did (so tools can name the setting to change).</summary>
    public LimitKind? Limit { get; init; }
}
