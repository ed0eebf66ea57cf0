using Baton.Context;

namespace Baton.Evaluation.Expectations;

/// <summary>An expectation about what an output says: the run's final output, or a named one.</summary>
/// <remarks>Not evaluated in rehearsal (placeholder outputs say nothing about content); fails when the output is missing.</remarks>
public abstract record OutputExpectation : Expectation
{
    /// <summary>Gets the output to check.</summary>
    /// <value>The default is <see langword="null"/>: the run's final output.</value>
    public string? Output { get; init; }

    /// <inheritdoc />
    public override bool ReadsContent => true;

    /// <inheritdoc />
    public override async ValueTask<ExpectationResult> CheckAsync(ExpectationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsRehearsal)
        {
            return NotEvaluated("rehearsal: the agents answered with placeholders, so what they wrote is not checked");
        }

        if (!context.TryGetOutput(Output, out var output, out var problem))
        {
            return Fail(problem);
        }

        return await CheckOutputAsync(context, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the output.</summary>
    /// <param name="context">The run.</param>
    /// <param name="output">The output to check.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns>The result.</returns>
    protected abstract ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken);
}
