using System.Collections.Immutable;

namespace Baton.Evaluation.Baselines;

/// <summary>One run as an earlier evaluation's JSON report recorded it.</summary>
/// <param name="CaseId">The case id.</param>
/// <param name="Repeat">The repetition (1-based).</param>
/// <param name="RunId">The run's id in the store, or <see langword="null"/> when it never started.</param>
/// <param name="Status">The status name.</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="Outcome">How it fared.</param>
public sealed record RecordedRun(string CaseId, int Repeat, string? RunId, string Status, string Reason, CaseOutcome Outcome)
{
    /// <summary>Gets the judge runs its expectations recorded.</summary>
    public ImmutableArray<string> JudgeRunIds { get; init; } = [];
}
