using Baton.Context;
using Baton.Evaluation.Judges;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Expectations;

/// <summary>
/// A judge model decides whether the output meets a criterion in words (LLM-as-judge, through <see cref="RubricJudge"/>).
/// The judge also sees what the output was made from (every output upstream of it), so a criterion such as "the
/// article uses only facts from the research" can be judged. The judge's calls are journaled as a run of their own.
/// </summary>
/// <param name="Rubric">The criterion.</param>
public sealed record JudgeExpectation(string Rubric) : OutputExpectation
{
    private static readonly RubricJudge s_judge = new();

    /// <summary>Gets the judge model for this expectation (for example <c>openai:gpt-4o-mini</c>).</summary>
    /// <value>The default is <see langword="null"/>: the evaluation's judge model.</value>
    public string? Model { get; init; }

    /// <inheritdoc />
    public override string Kind => "judge";

    /// <inheritdoc />
    public override string Description => $"judge: \"{Clip(Rubric, 100)}\"" + (Output is null ? string.Empty : $" on '{Output}'");

    /// <inheritdoc />
    protected override ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken)
    {
        List<EvaluationContext> additional = [new RubricJudgeContext(Rubric)];
        additional.AddRange(context.UpstreamOf(output, originsOnly: false).Select(o => new UpstreamOutputContext(o.Name, ExpectationContext.TextOf(o))));
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, ExpectationContext.TextOf(output)));
        return context.EvaluateAsync(this, s_judge, Model, context.TaskMessages(), response, additional, cancellationToken);
    }
}
