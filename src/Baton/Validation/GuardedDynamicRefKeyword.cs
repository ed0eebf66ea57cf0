using Json.Schema;
using Json.Schema.Keywords;

namespace Baton.Validation;

/// <summary>
/// JSON Schema's <c>$dynamicRef</c> (JSON Schema v1), refusing to go deeper when the thread's stack runs low: references
/// are the only way an evaluation recurses without bound, and a stack overflow would end the process rather than fail one validation.
/// </summary>
internal sealed class GuardedDynamicRefKeyword : DynamicRefKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        SchemaDialects.EnsureStack();
        return base.Evaluate(keyword, context);
    }
}
