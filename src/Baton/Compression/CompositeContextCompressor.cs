using System.Collections.Immutable;

namespace Baton.Compression;

/// <summary>Runs compressors in order, each on the previous one's result, and stops as soon as the view fits.</summary>
public sealed class CompositeContextCompressor : IContextCompressor
{
    private readonly ImmutableArray<IContextCompressor> _compressors;

    /// <summary>Creates a composite compressor.</summary>
    /// <param name="compressors">The compressors, first tried first.</param>
    /// <exception cref="ArgumentException">No compressor was given.</exception>
    public CompositeContextCompressor(params IEnumerable<IContextCompressor> compressors)
    {
        ArgumentNullException.ThrowIfNull(compressors);
        _compressors = [.. compressors];
        if (_compressors.IsEmpty || _compressors.Any(c => c is null))
        {
            throw new ArgumentException("Pass at least one compressor, and no null ones.", nameof(compressors));
        }
    }

    /// <inheritdoc />
    public async ValueTask<ContextCompressionResult> CompressAsync(ContextCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = request.View;
        var strategies = ImmutableArray.CreateBuilder<string>();
        var dropped = ImmutableArray.CreateBuilder<string>();
        foreach (var compressor in _compressors)
        {
            if (request.Measure(view) <= request.Budget)
            {
                break;
            }

            var step = new ContextCompressionRequest
            {
                Agent = request.Agent,
                Step = request.Step,
                View = view,
                Budget = request.Budget,
                TokenCounter = request.TokenCounter,
                Reads = request.Reads,
                ModelCalls = request.ModelCalls,
            };
            var result = await compressor.CompressAsync(step, cancellationToken).ConfigureAwait(false);
            view = result.View;
            strategies.AddRange(result.Strategies);
            dropped.AddRange(result.DroppedOutputs);
        }

        return new ContextCompressionResult(view) { Strategies = strategies.ToImmutable(), DroppedOutputs = dropped.ToImmutable() };
    }
}
