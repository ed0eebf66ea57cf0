namespace Baton.Evaluation.Expectations;

/// <summary>What checking one expectation against one run found.</summary>
public enum ExpectationOutcome
{
    /// <summary>The expectation held.</summary>
    Passed = 0,

    /// <summary>The expectation did not hold.</summary>
    Failed,

    /// <summary>The expectation was not checked, and the message says why (for example, no judge model was given, or the run was a rehearsal with placeholder outputs). It neither passes nor fails the case.</summary>
    NotEvaluated,

    /// <summary>The expectation could not be checked because something went wrong (a judge reply that is not a verdict, a regex that timed out, an evaluator that threw).</summary>
    Error,
}
