using Baton.Context;

namespace Baton.Evaluation.Expectations;

/// <summary>The output's text does not contain a text, in any letter case (ordinal, case-insensitive), so a forbidden phrase is caught however it is written.</summary>
/// <param name="Text">The text that must not appear.</param>
public sealed record NotContainsExpectation(string Text) : OutputExpectation
{
    /// <inheritdoc />
    public override string Kind => "not_contains";

    /// <inheritdoc />
    public override string Description => $"{OutputLabel(Output)} does not contain \"{Clip(Text, 60)}\"";

    /// <inheritdoc />
    protected override ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken)
    {
        var text = ExpectationContext.TextOf(output);
        var at = text.IndexOf(Text, StringComparison.OrdinalIgnoreCase);
        return ValueTask.FromResult(at < 0
            ? Pass($"absent from '{output.Name}'")
            : Fail($"'{output.Name}' contains it at character {at}: \"…{Clip(text[Math.Max(0, at - 40)..], 120)}\""));
    }
}
