namespace Baton.Evaluation.Baselines;

/// <summary>Compares an evaluation with a baseline case by case.</summary>
public static class BaselineComparison
{
    /// <summary>Compares an evaluation with a baseline.</summary>
    /// <param name="current">The evaluation.</param>
    /// <param name="baseline">The earlier evaluation.</param>
    /// <returns>The regressions, fixes and other differences.</returns>
    public static BaselineDiff Compare(EvalReport current, RecordedEval baseline)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        var before = baseline.Runs.GroupBy(r => r.CaseId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Passed: g.Count(r => r.Outcome == CaseOutcome.Passed), Runs: g.Count()), StringComparer.Ordinal);
        var regressions = new List<CaseChange>();
        var fixes = new List<CaseChange>();
        var stillFailing = new List<CaseChange>();
        var added = new List<string>();
        var unchanged = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in current.Results.GroupBy(r => r.Case.Id, StringComparer.Ordinal))
        {
            seen.Add(group.Key);
            var passed = group.Count(r => r.Outcome == CaseOutcome.Passed);
            var runs = group.Count();
            if (!before.TryGetValue(group.Key, out var then))
            {
                added.Add(group.Key);
                continue;
            }

            var failing = group.FirstOrDefault(r => r.Outcome != CaseOutcome.Passed);
            var change = new CaseChange(group.Key, then.Passed, then.Runs, passed, runs)
            {
                FailingRunId = failing?.RunId,
                Why = failing is null ? null : failing.FirstProblem is { } problem ? $"{problem.Description}: {problem.Message}" : failing.Reason,
            };
            var passedThen = then.Passed == then.Runs;
            var passedNow = passed == runs;
            var list = (passedThen, passedNow) switch
            {
                (true, false) => regressions,
                (false, true) => fixes,
                (false, false) => stillFailing,
                _ => null,
            };
            if (list is null)
            {
                unchanged++;
            }
            else
            {
                list.Add(change);
            }
        }

        var missing = before.Keys.Where(id => !seen.Contains(id)).ToList();
        return new BaselineDiff(baseline.Source, regressions, fixes, stillFailing, added, missing, unchanged);
    }
}
