namespace Baton.Evaluation.Datasets;

/// <summary>The cases read from a data set, or every problem found in it.</summary>
/// <param name="Cases">The cases; empty when there are errors.</param>
/// <param name="Errors">The problems, in file order; empty when the data set is valid.</param>
public sealed record DatasetLoadResult(IReadOnlyList<EvalCase> Cases, IReadOnlyList<DatasetError> Errors)
{
    /// <summary>Gets whether the data set was read without problems.</summary>
    public bool IsValid => Errors.Count == 0;
}
