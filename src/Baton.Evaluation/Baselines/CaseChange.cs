namespace Baton.Evaluation.Baselines;

/// <summary>One case compared with the baseline: how many of its runs passed then and now.</summary>
/// <param name="CaseId">The case id.</param>
/// <param name="BaselinePassed">Runs that passed in the baseline.</param>
/// <param name="BaselineRuns">Runs in the baseline.</param>
/// <param name="CurrentPassed">Runs that passed now.</param>
/// <param name="CurrentRuns">Runs now.</param>
public sealed record CaseChange(string CaseId, int BaselinePassed, int BaselineRuns, int CurrentPassed, int CurrentRuns)
{
    /// <summary>Gets a run of the case now that did not pass (to open with <c>baton show</c>), if any.</summary>
    public string? FailingRunId { get; init; }

    /// <summary>Gets why that run did not pass, if known.</summary>
    public string? Why { get; init; }
}
