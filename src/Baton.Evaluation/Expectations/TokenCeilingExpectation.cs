namespace Baton.Evaluation.Expectations;

/// <summary>The run spent at most a number of tokens (input plus output, every call and re-ask included).</summary>
/// <param name="MaxTokens">The ceiling.</param>
public sealed record TokenCeilingExpectation(long MaxTokens) : Expectation
{
    /// <inheritdoc />
    public override string Kind => "max_tokens";

    /// <inheritdoc />
    public override string Description => $"at most {MaxTokens} tokens";

    /// <inheritdoc />
    public override ValueTask<ExpectationResult> CheckAsync(ExpectationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var used = context.Run is { } run ? run.InputTokens + run.OutputTokens : 0;
        var estimate = context.IsRehearsal ? " (rehearsal estimate)" : string.Empty;
        return ValueTask.FromResult(used <= MaxTokens
            ? Pass($"{used} tokens{estimate}")
            : Fail($"{used} tokens{estimate}, {used - MaxTokens} over"));
    }
}
