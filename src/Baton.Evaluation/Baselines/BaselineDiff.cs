namespace Baton.Evaluation.Baselines;

/// <summary>
/// An evaluation compared with a baseline case by case (same ids). A case passes when every one of its runs passed.
/// A regression is a case that passed in the baseline and does not now; a fix, the reverse.
/// </summary>
/// <param name="Source">Where the baseline was read from.</param>
/// <param name="Regressions">Cases that passed in the baseline and do not now.</param>
/// <param name="Fixes">Cases that did not pass in the baseline and do now.</param>
/// <param name="StillFailing">Cases that did not pass then and do not now.</param>
/// <param name="NewCases">Case ids not in the baseline.</param>
/// <param name="MissingCases">Case ids in the baseline but not in this evaluation.</param>
/// <param name="Unchanged">The number of cases that passed then and now.</param>
public sealed record BaselineDiff(
    string Source,
    IReadOnlyList<CaseChange> Regressions,
    IReadOnlyList<CaseChange> Fixes,
    IReadOnlyList<CaseChange> StillFailing,
    IReadOnlyList<string> NewCases,
    IReadOnlyList<string> MissingCases,
    int Unchanged)
{
    /// <summary>Gets whether any case regressed (the evaluation should then fail its gate).</summary>
    public bool HasRegressions => Regressions.Count > 0;
}
