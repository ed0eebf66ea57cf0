namespace Baton.Journal;

/// <summary>
/// A person answered a waiting run's <see cref="InputRequested"/>: who, and the answer (read and validated before it
/// was journaled, so a resume or replay reads it again instead of asking). <see cref="JournalEvent.Agent"/> is the
/// person's agent name; the event's timestamp says when they answered.
/// </summary>
public sealed record InputProvided : JournalEvent
{
    /// <summary>Gets the sequence number of the <see cref="InputRequested"/> event this answers.</summary>
    public required long Request { get; init; }

    /// <summary>Gets who answered.</summary>
    public required string Respondent { get; init; }

    /// <summary>Gets the answer as the turn reads it: text, a JSON value as text, or a verdict (<c>APPROVED: ...</c> / <c>REVISE: ...</c>).</summary>
    public required string Answer { get; init; }
}
