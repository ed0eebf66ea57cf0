using Baton.Context;
using Microsoft.Extensions.AI;
using Baton.Evaluation.Judges;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Expectations;

/// <summary>
/// A Microsoft.Extensions.AI.Evaluation evaluator registered by name in <see cref="EvalOptions.Evaluators"/> (your
/// own, or one of Microsoft's quality evaluators) passes on the output. The evaluator gets the task as the
/// conversation, the output as the response, and every output upstream of it as an <see cref="EvaluationContext"/>
/// named after the output.
/// </summary>
/// <param name="Evaluator">The evaluator's registered name.</param>
public sealed record EvaluatorExpectation(string Evaluator) : OutputExpectation
{
    /// <summary>Gets the judge model for this expectation.</summary>
    /// <value>The default is <see langword="null"/>: the evaluation's judge model.</value>
    public string? Model { get; init; }

    /// <inheritdoc />
    public override string Kind => "evaluator";

    /// <inheritdoc />
    public override string Description => $"evaluator '{Evaluator}' passes on {OutputLabel(Output)}";

    /// <inheritdoc />
    protected override ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken)
    {
        if (context.FindEvaluator(Evaluator) is not { } evaluator)
        {
            return ValueTask.FromResult(Error($"no evaluator is registered as '{Evaluator}'"));
        }

        var additional = context.UpstreamOf(output, originsOnly: false).Select(o => new UpstreamOutputContext(o.Name, ExpectationContext.TextOf(o))).ToList();
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, ExpectationContext.TextOf(output)));
        return context.EvaluateAsync(this, evaluator, Model, context.TaskMessages(), response, additional, cancellationToken);
    }
}
