namespace Baton.Evaluation.Expectations;

/// <summary>
/// One thing a case's run must show: a status, an output contract, text or JSON in an output, a cost ceiling, or a
/// judge's verdict. Derive from it to check anything else a run's journal holds.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe: one expectation is checked against many runs, concurrently.</remarks>
public abstract record Expectation
{
    /// <summary>Gets the kind as written in data sets (for example <c>contains</c> or <c>max_tokens</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Gets what is expected, in words (for reports).</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Gets whether the expectation reads what the agents wrote. Such expectations say nothing about a rehearsal's
    /// placeholder outputs, so they are reported as not evaluated when the pipeline ran in rehearsal.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public virtual bool ReadsContent => false;

    /// <summary>Checks the expectation against one run.</summary>
    /// <param name="context">The run and what the check may use.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns>The result; a check reports problems as <see cref="ExpectationOutcome.Error"/> rather than throwing.</returns>
    public abstract ValueTask<ExpectationResult> CheckAsync(ExpectationContext context, CancellationToken cancellationToken = default);

    /// <summary>Makes a passing result.</summary>
    /// <param name="message">What was found.</param>
    /// <returns>The result.</returns>
    protected ExpectationResult Pass(string message) => new(Kind, Description, ExpectationOutcome.Passed, message);

    /// <summary>Makes a failing result.</summary>
    /// <param name="message">What was found instead.</param>
    /// <returns>The result.</returns>
    protected ExpectationResult Fail(string message) => new(Kind, Description, ExpectationOutcome.Failed, message);

    /// <summary>Makes a not-evaluated result.</summary>
    /// <param name="message">Why the expectation was not checked.</param>
    /// <returns>The result.</returns>
    protected ExpectationResult NotEvaluated(string message) => new(Kind, Description, ExpectationOutcome.NotEvaluated, message);

    /// <summary>Makes an error result.</summary>
    /// <param name="message">What went wrong.</param>
    /// <returns>The result.</returns>
    protected ExpectationResult Error(string message) => new(Kind, Description, ExpectationOutcome.Error, message);

    /// <summary>Names an output for descriptions: the named one, or "the final output".</summary>
    /// <param name="output">The output name, or <see langword="null"/> for the run's final output.</param>
    /// <returns>The words.</returns>
    protected static string OutputLabel(string? output) => output is null ? "the final output" : $"output '{output}'";

    /// <summary>Shortens a text for messages.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The most characters kept.</param>
    /// <returns>The text, shortened with an ellipsis when longer.</returns>
    protected static string Clip(string text, int max = 120)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }
}
