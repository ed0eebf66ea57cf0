namespace Baton.Compression;

/// <summary>
/// A strategy that makes an agent's view smaller when it exceeds the agent's context budget.
/// </summary>
/// <remarks>
/// <para>A compressor may change only the outputs and the completed steps of a view: the original task, the intent,
/// the constraints, the note and the role are never compressed (the runner checks this).</para>
/// <para>Compressors must be deterministic given the journal: a resumed run compresses again and must build the
/// same prompt. Model calls go through <see cref="ContextCompressionRequest.CallModelAsync"/> so they are journaled and replayed.</para>
/// </remarks>
public interface IContextCompressor
{
    /// <summary>Compresses a view toward its budget.</summary>
    /// <param name="request">The view, budget and measure.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The compressed view; it may still exceed the budget when the strategy cannot do more.</returns>
    ValueTask<ContextCompressionResult> CompressAsync(ContextCompressionRequest request, CancellationToken cancellationToken = default);
}
