namespace Baton.Evaluation;

/// <summary>How one run of a case fared against its expectations.</summary>
public enum CaseOutcome
{
    /// <summary>Every expectation that could be evaluated held.</summary>
    Passed = 0,

    /// <summary>At least one expectation did not hold.</summary>
    Failed,

    /// <summary>No expectation failed, but one could not be checked (a judge error, a missing recording, an evaluator that threw).</summary>
    Error,
}
