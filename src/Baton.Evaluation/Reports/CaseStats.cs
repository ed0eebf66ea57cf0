namespace Baton.Evaluation.Reports;

/// <summary>One case over its repetitions.</summary>
/// <param name="CaseId">The case id.</param>
/// <param name="Runs">How many times it ran.</param>
/// <param name="Passed">How many of those passed.</param>
public sealed record CaseStats(string CaseId, int Runs, int Passed)
{
    /// <summary>Gets whether every run passed.</summary>
    public bool AllPassed => Passed == Runs;

    /// <summary>Gets whether some runs passed and some did not.</summary>
    public bool IsFlaky => Passed > 0 && Passed < Runs;
}
