using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Judges;

/// <summary>The criterion a <see cref="RubricJudge"/> judges a response by, passed as additional evaluation context.</summary>
public sealed class RubricJudgeContext : EvaluationContext
{
    /// <summary>The context's name.</summary>
    public const string ContextName = "Rubric";

    /// <summary>Creates the context.</summary>
    /// <param name="rubric">The criterion, in words (for example "the article uses only facts from the research").</param>
    /// <exception cref="ArgumentException"><paramref name="rubric"/> is empty.</exception>
    public RubricJudgeContext(string rubric)
        : base(ContextName, ThrowIfEmpty(rubric))
    {
        Rubric = rubric;
    }

    /// <summary>Gets the criterion.</summary>
    public string Rubric { get; }

    private static string ThrowIfEmpty(string rubric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rubric);
        return rubric;
    }
}
