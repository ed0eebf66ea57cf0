namespace Baton.Evaluation.Expectations;

/// <summary>The result of checking one expectation against one run.</summary>
/// <param name="Kind">The expectation's kind, as written in data sets (for example <c>contains</c>).</param>
/// <param name="Description">What was expected, in words.</param>
/// <param name="Outcome">What the check found.</param>
/// <param name="Message">Why, in words: what was found instead, or why it was not evaluated.</param>
public sealed record ExpectationResult(string Kind, string Description, ExpectationOutcome Outcome, string Message)
{
    /// <summary>Gets the id of the run whose journal records the judge's model calls, for judge expectations that called a model.</summary>
    public string? JudgeRunId { get; init; }
}
