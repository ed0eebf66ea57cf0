using System.Collections.Immutable;
using Baton.Context;

namespace Baton.Compression;

/// <summary>
/// Drops whole parts of a view, least relevant first, until it fits: outputs the agent did not ask to read, then
/// completed steps (oldest first), then the outputs it reads (oldest first). Deterministic.
/// </summary>
/// <remarks>When it has dropped everything it may drop, the view holds only task, intent, constraints, note and role,
/// so the result fits whenever those alone fit.</remarks>
public sealed class DropLeastRelevantCompressor : IContextCompressor
{
    /// <summary>The strategy name written in the journal.</summary>
    public const string StrategyName = "drop-least-relevant";

    /// <inheritdoc />
    public ValueTask<ContextCompressionResult> CompressAsync(ContextCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = request.View;
        if (request.Measure(view) <= request.Budget)
        {
            return ValueTask.FromResult(new ContextCompressionResult(view));
        }

        var reads = request.Reads is { } r ? r.ToHashSet(StringComparer.Ordinal) : null;
        var unread = view.Outputs.Where(o => reads is not null && !reads.Contains(o.Name)).OrderBy(o => o.Step).ThenBy(o => o.Name, StringComparer.Ordinal);
        var read = view.Outputs.Where(o => reads is null || reads.Contains(o.Name)).OrderBy(o => o.Step).ThenBy(o => o.Name, StringComparer.Ordinal);
        var dropped = ImmutableArray.CreateBuilder<string>();

        foreach (var output in unread)
        {
            view = view with { Outputs = view.Outputs.Remove(output) };
            dropped.Add(output.Name);
            if (request.Measure(view) <= request.Budget)
            {
                return ValueTask.FromResult(Result(view, dropped));
            }
        }

        while (!view.CompletedSteps.IsDefaultOrEmpty)
        {
            view = view with { CompletedSteps = view.CompletedSteps.RemoveAt(0) };
            if (request.Measure(view) <= request.Budget)
            {
                return ValueTask.FromResult(Result(view, dropped));
            }
        }

        foreach (var output in read)
        {
            view = view with { Outputs = view.Outputs.Remove(output) };
            dropped.Add(output.Name);
            if (request.Measure(view) <= request.Budget)
            {
                break;
            }
        }

        return ValueTask.FromResult(Result(view, dropped));
    }

    private static ContextCompressionResult Result(AgentView view, ImmutableArray<string>.Builder dropped) =>
        new(view) { Strategies = [StrategyName], DroppedOutputs = dropped.ToImmutable() };
}
