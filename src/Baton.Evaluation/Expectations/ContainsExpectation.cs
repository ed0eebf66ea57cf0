using Baton.Context;

namespace Baton.Evaluation.Expectations;

/// <summary>The output's text contains a text (ordinal, case-sensitive).</summary>
/// <param name="Text">The text that must appear.</param>
public sealed record ContainsExpectation(string Text) : OutputExpectation
{
    /// <inheritdoc />
    public override string Kind => "contains";

    /// <inheritdoc />
    public override string Description => $"{OutputLabel(Output)} contains \"{Clip(Text, 60)}\"";

    /// <inheritdoc />
    protected override ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken)
    {
        var text = ExpectationContext.TextOf(output);
        return ValueTask.FromResult(text.Contains(Text, StringComparison.Ordinal)
            ? Pass($"found in '{output.Name}'")
            : Fail($"'{output.Name}' ({text.Length} chars) does not contain it: \"{Clip(text)}\""));
    }
}
