using Baton.Evaluation.Expectations;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Internal;

/// <summary>Turns an evaluator's <see cref="EvaluationResult"/> into a verdict.</summary>
internal static class JudgeInterpretation
{
    public static (ExpectationOutcome Outcome, string Message) Interpret(EvaluationResult result)
    {
        var metrics = result.Metrics.Values.ToList();
        var errors = metrics.SelectMany(m => (m.Diagnostics ?? []).Where(d => d.Severity == EvaluationDiagnosticSeverity.Error).Select(d => $"{m.Name}: {d.Message}")).ToList();
        if (errors.Count > 0)
        {
            return (ExpectationOutcome.Error, Clip(string.Join(" | ", errors)));
        }

        var failed = metrics.Where(m => m.Interpretation?.Failed == true || (m.Interpretation is null && m is BooleanMetric { Value: false })).ToList();
        if (failed.Count > 0)
        {
            return (ExpectationOutcome.Failed, Clip(string.Join(" | ", failed.Select(Describe))));
        }

        var judged = metrics.Where(m => m.Interpretation is not null || m is BooleanMetric { Value: not null }).ToList();
        if (judged.Count == 0)
        {
            var names = metrics.Count == 0 ? "it returned no metrics" : $"none of its metrics ({string.Join(", ", metrics.Select(m => m.Name))}) has an interpretation or a true/false value";
            return (ExpectationOutcome.Error, $"judge error: the evaluator gave no verdict: {names}. Interpret its metrics (EvaluationResult.Interpret) so each says whether it failed.");
        }

        return (ExpectationOutcome.Passed, Clip(string.Join(" | ", judged.Select(Describe))));
    }

    private static string Describe(EvaluationMetric metric)
    {
        var value = metric switch
        {
            BooleanMetric b => b.Value?.ToString().ToLowerInvariant(),
            NumericMetric n => n.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringMetric s => s.Value,
            _ => null,
        };
        var reason = metric.Interpretation?.Reason ?? metric.Reason;
        return $"{metric.Name}{(value is null ? string.Empty : $" = {value}")}{(string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason}")}";
    }

    private static string Clip(string text) => text.Length <= 1500 ? text : string.Concat(text.AsSpan(0, 1499), "…");
}
