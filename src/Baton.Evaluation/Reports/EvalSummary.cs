using Baton.Evaluation.Expectations;

namespace Baton.Evaluation.Reports;

/// <summary>An evaluation's figures: pass rate (with a Wilson interval when cases repeat), statuses, cost, and the per-agent and per-handoff views.</summary>
public sealed class EvalSummary
{
    private EvalSummary()
    {
    }

    /// <summary>Gets the number of runs (cases times repeats).</summary>
    public int Runs { get; private init; }

    /// <summary>Gets the runs that passed.</summary>
    public int Passed { get; private init; }

    /// <summary>Gets the runs that failed.</summary>
    public int Failed { get; private init; }

    /// <summary>Gets the runs with an error.</summary>
    public int Errors { get; private init; }

    /// <summary>Gets the share of runs that passed (0 when there are none).</summary>
    public double PassRate => Runs == 0 ? 0 : (double)Passed / Runs;

    /// <summary>Gets the 95% Wilson interval of the pass rate, when cases ran more than once; <see langword="null"/> otherwise.</summary>
    public ProportionInterval? PassRateInterval { get; private init; }

    /// <summary>Gets how many runs ended with each status, most common first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> StatusCounts { get; private init; } = [];

    /// <summary>Gets how many expectation results were not evaluated, and why (most common reason first).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> NotEvaluated { get; private init; } = [];

    /// <summary>Gets the tokens per run.</summary>
    public Distribution Tokens { get; private init; } = Distribution.Empty;

    /// <summary>Gets the duration per run, in milliseconds.</summary>
    public Distribution LatencyMs { get; private init; } = Distribution.Empty;

    /// <summary>Gets each agent's figures, in the order agents first appear.</summary>
    public IReadOnlyList<AgentStats> Agents { get; private init; } = [];

    /// <summary>Gets each handoff edge's figures, weakest first (highest trouble rate, then fallbacks, validation failures, re-asks, compression).</summary>
    public IReadOnlyList<EdgeStats> Edges { get; private init; } = [];

    /// <summary>Gets each case's figures over its repetitions, in data set order.</summary>
    public IReadOnlyList<CaseStats> Cases { get; private init; } = [];

    /// <summary>Computes the figures of a set of runs.</summary>
    /// <param name="results">The runs.</param>
    /// <param name="repeat">How many times each case ran.</param>
    /// <returns>The summary.</returns>
    public static EvalSummary Of(IReadOnlyList<EvalCaseResult> results, int repeat)
    {
        ArgumentNullException.ThrowIfNull(results);
        var passed = results.Count(r => r.Outcome == CaseOutcome.Passed);
        var steps = results.SelectMany(r => r.Steps).ToList();
        return new EvalSummary
        {
            Runs = results.Count,
            Passed = passed,
            Failed = results.Count(r => r.Outcome == CaseOutcome.Failed),
            Errors = results.Count(r => r.Outcome == CaseOutcome.Error),
            PassRateInterval = repeat > 1 && results.Count > 0 ? ProportionInterval.Wilson(passed, results.Count) : null,
            StatusCounts = Counted(results.Select(r => r.Status)),
            NotEvaluated = Counted(results.SelectMany(r => r.Expectations).Where(e => e.Outcome == ExpectationOutcome.NotEvaluated).Select(e => $"{e.Kind}: {e.Message}")),
            Tokens = Distribution.Of(results.Where(r => r.RunId is not null).Select(r => (double)r.TotalTokens)),
            LatencyMs = Distribution.Of(results.Where(r => r.RunId is not null).Select(r => r.DurationMs)),
            Agents = [.. steps.GroupBy(s => s.Agent, StringComparer.Ordinal).Select(g => new AgentStats(
                g.Key, g.Count(), g.Sum(s => s.Calls), g.Sum(s => s.Reasks), g.Sum(s => s.ValidationFailures), g.Sum(s => s.Fallbacks), g.Sum(s => s.Compressions), g.Sum(s => s.FailedCalls),
                Distribution.Of(g.Select(s => (double)s.TotalTokens)), Distribution.Of(g.Select(s => s.LatencyMs))))],
            Edges = [.. steps.GroupBy(s => (s.From, s.Agent)).Select(g => new EdgeStats(
                    g.Key.From, g.Key.Agent, g.Count(), g.Count(s => s.ValidationFailures > 0), g.Count(s => s.Reasks > 0), g.Count(s => s.Fallbacks > 0),
                    g.Count(s => s.Compressions > 0), g.Count(s => s.FailedCalls > 0))
                {
                    WithTrouble = g.Count(s => s.ValidationFailures > 0 || s.Reasks > 0 || s.Fallbacks > 0 || s.Compressions > 0 || s.FailedCalls > 0),
                })
                .OrderByDescending(e => e.TroubleRate).ThenByDescending(e => e.FallbackRate).ThenByDescending(e => e.ValidationFailureRate)
                .ThenByDescending(e => e.ReaskRate).ThenByDescending(e => e.CompressionRate).ThenByDescending(e => e.Handoffs)],
            Cases = [.. results.GroupBy(r => r.Case.Id, StringComparer.Ordinal).Select(g => new CaseStats(g.Key, g.Count(), g.Count(r => r.Outcome == CaseOutcome.Passed)))],
        };
    }

    private static List<KeyValuePair<string, int>> Counted(IEnumerable<string> values) =>
        [.. values.GroupBy(v => v, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)];
}
