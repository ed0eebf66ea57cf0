namespace Baton.Evaluation;

/// <summary>Where an evaluation stands after one more run finished.</summary>
/// <param name="Completed">The runs finished so far.</param>
/// <param name="Total">The runs in the evaluation (cases times repeats).</param>
/// <param name="Passed">The finished runs that passed.</param>
/// <param name="Failed">The finished runs that failed.</param>
/// <param name="Errors">The finished runs with an error.</param>
/// <param name="Elapsed">The time since the evaluation started.</param>
/// <param name="Last">The run that just finished.</param>
public sealed record EvalProgress(int Completed, int Total, int Passed, int Failed, int Errors, TimeSpan Elapsed, EvalCaseResult Last);
