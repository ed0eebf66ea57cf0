using Baton.Agents;

namespace Baton.Compression;

/// <summary>Ready-made context compressors.</summary>
public static class ContextCompressors
{
    /// <summary>Gets the default: truncate long strings, then drop the least relevant parts. Deterministic, no model calls.</summary>
    public static IContextCompressor Default { get; } = new CompositeContextCompressor(new TruncatingCompressor(), new DropLeastRelevantCompressor());

    /// <summary>Creates a compressor that first asks <paramref name="summarizer"/> to summarise the outputs, then applies <see cref="Default"/> if the view still does not fit.</summary>
    /// <param name="summarizer">The agent that writes summaries.</param>
    /// <returns>The compressor.</returns>
    public static IContextCompressor SummarizeThenDefault(Agent summarizer) =>
        new CompositeContextCompressor(new SummarizingCompressor(summarizer), Default);
}
