namespace Baton.Orchestration.Review;

/// <summary>A reviewer's verdict on a draft.</summary>
public enum ReviewVerdictKind
{
    /// <summary>The draft is accepted; the loop ends.</summary>
    Approved = 0,

    /// <summary>The draft must be revised with the reviewer's feedback.</summary>
    Revise,
}
