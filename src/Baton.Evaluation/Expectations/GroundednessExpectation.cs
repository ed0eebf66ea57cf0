using System.Collections.Immutable;
using Baton.Context;
using Baton.Evaluation.Judges;
using Microsoft.Extensions.AI;

namespace Baton.Evaluation.Expectations;

/// <summary>
/// The fact-check layer: every factual claim of the output is supported by the sources the pipeline worked from,
/// as a judge model finds them (through <see cref="GroundednessJudge"/>). By default the sources are the outputs at
/// the start of the output's lineage in the journal (for an editor's article: the research the writer read).
/// </summary>
public sealed record GroundednessExpectation : OutputExpectation
{
    private static readonly GroundednessJudge s_judge = new();

    /// <summary>Gets the outputs to check against.</summary>
    /// <value>The default is empty: the outputs the checked output was made from that were themselves made from no other output.</value>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>Gets the judge model for this expectation.</summary>
    /// <value>The default is <see langword="null"/>: the evaluation's judge model.</value>
    public string? Model { get; init; }

    /// <inheritdoc />
    public override string Kind => "grounded";

    /// <inheritdoc />
    public override string Description =>
        $"{OutputLabel(Output)} is grounded in " + (Sources.IsDefaultOrEmpty ? "the outputs it was made from" : string.Join(", ", Sources));

    /// <inheritdoc />
    protected override ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken)
    {
        var sources = new List<GroundingSource>();
        if (Sources.IsDefaultOrEmpty)
        {
            sources.AddRange(context.UpstreamOf(output, originsOnly: true).Select(o => new GroundingSource(o.Name, ExpectationContext.TextOf(o))));
            if (sources.Count == 0)
            {
                return ValueTask.FromResult(Error($"'{output.Name}' was made from no other output, so there is nothing to check it against; name the sources with 'sources'"));
            }
        }
        else
        {
            foreach (var name in Sources)
            {
                if (!context.TryGetOutput(name, out var source, out var problem))
                {
                    return ValueTask.FromResult(Fail(problem));
                }

                sources.Add(new GroundingSource(name, ExpectationContext.TextOf(source)));
            }
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, ExpectationContext.TextOf(output)));
        return context.EvaluateAsync(this, s_judge, Model, context.TaskMessages(), response, [new GroundingSourcesContext(sources)], cancellationToken);
    }
}
