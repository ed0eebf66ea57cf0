using Baton.Evaluation.Reports;

namespace Baton.Evaluation;

/// <summary>The result of an evaluation: every run of every case, and the figures computed from them.</summary>
/// <remarks>Immutable. Write it with <see cref="Reports.EvalJsonReport"/>, <see cref="Reports.JUnitReport"/> or <see cref="Reports.HtmlEvalReport"/>.</remarks>
public sealed class EvalReport
{
    private readonly Lazy<EvalSummary> _summary;

    /// <summary>Creates a report.</summary>
    public EvalReport()
    {
        _summary = new Lazy<EvalSummary>(() => EvalSummary.Of(Results ?? [], Repeat));
    }

    /// <summary>Gets the evaluation's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets facts about the evaluation (spec, data set, model, store).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets when the evaluation started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the evaluation finished.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Gets how many runs ran at once.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Gets how many times each case ran.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Gets whether the agents answered with rehearsal placeholders.</summary>
    public bool IsRehearsal { get; init; }

    /// <summary>Gets whether the runs were re-scored from an earlier evaluation's journals instead of run.</summary>
    public bool IsReplay { get; init; }

    /// <summary>Gets every run, in data set order (each case's repetitions together).</summary>
    public required IReadOnlyList<EvalCaseResult> Results { get; init; }

    /// <summary>Gets the figures computed from the runs.</summary>
    public EvalSummary Summary => _summary.Value;
}
