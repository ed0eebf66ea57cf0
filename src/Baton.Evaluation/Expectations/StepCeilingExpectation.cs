namespace Baton.Evaluation.Expectations;

/// <summary>The run took at most a number of agent steps (re-asks within a step do not count).</summary>
/// <param name="MaxSteps">The ceiling.</param>
public sealed record StepCeilingExpectation(int MaxSteps) : Expectation
{
    /// <inheritdoc />
    public override string Kind => "max_steps";

    /// <inheritdoc />
    public override string Description => $"at most {MaxSteps} steps";

    /// <inheritdoc />
    public override ValueTask<ExpectationResult> CheckAsync(ExpectationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var steps = context.Run?.Steps ?? 0;
        return ValueTask.FromResult(steps <= MaxSteps ? Pass($"{steps} steps") : Fail($"{steps} steps, {steps - MaxSteps} over"));
    }
}
