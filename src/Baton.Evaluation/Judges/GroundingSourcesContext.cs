using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Judges;

/// <summary>The sources a <see cref="GroundednessJudge"/> checks a response's claims against, passed as additional evaluation context.</summary>
public sealed class GroundingSourcesContext : EvaluationContext
{
    /// <summary>The context's name.</summary>
    public const string ContextName = "Grounding sources";

    /// <summary>Creates the context.</summary>
    /// <param name="sources">The sources.</param>
    public GroundingSourcesContext(IEnumerable<GroundingSource> sources)
        : this([.. sources ?? throw new ArgumentNullException(nameof(sources))])
    {
    }

    private GroundingSourcesContext(ImmutableArray<GroundingSource> sources)
        : base(ContextName, [.. sources.Select(s => (AIContent)new TextContent($"## {s.Name}\n{s.Text}"))])
    {
        Sources = sources;
    }

    /// <summary>Gets the sources.</summary>
    public ImmutableArray<GroundingSource> Sources { get; }
}
