namespace Baton.Orchestration.Review;

/// <summary>A reviewer's parsed verdict.</summary>
/// <param name="Kind">Approved or revise.</param>
/// <param name="Feedback">The reviewer's feedback: what to change (required for revise), or comments (may be empty for approved).</param>
internal sealed record ReviewVerdict(ReviewVerdictKind Kind, string Feedback)
{
    /// <summary>Gets whether the draft was approved.</summary>
    public bool IsApproved => Kind == ReviewVerdictKind.Approved;
}
