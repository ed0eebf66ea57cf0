namespace Baton.Journal;

/// <summary>A reviewer's verdict on a draft in a review loop. <see cref="JournalEvent.Agent"/> is the reviewer.</summary>
public sealed record ReviewVerdictRecorded : JournalEvent
{
    /// <summary>Gets the review loop.</summary>
    public required string Loop { get; init; }

    /// <summary>Gets the round (1-based).</summary>
    public required int Round { get; init; }

    /// <summary>Gets the verdict: <c>approved</c>, <c>revise</c> or <c>unreadable</c>.</summary>
    public required Orchestration.Review.ReviewVerdictKind Verdict { get; init; }

    /// <summary>Gets the reviewer's feedback (for <c>revise</c>, what the writer must change).</summary>
    public string? Feedback { get; init; }

    /// <summary>Gets the name of the draft output reviewed.</summary>
    public required string Draft { get; init; }

    /// <summary>Gets why the reply could not be read as a verdict, when it could not.</summary>
    public string? ParseError { get; init; }
}
