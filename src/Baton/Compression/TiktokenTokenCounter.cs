using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Baton.Compression;

/// <summary>
/// Counts tokens with a tiktoken encoding through Microsoft.ML.Tokenizers. The encoding data ships in the package
/// (o200k_base), so counting never needs the network.
/// </summary>
/// <remarks>Thread-safe. Tokenizers are loaded once per encoding and cached.</remarks>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    /// <summary>The default encoding: <c>o200k_base</c> (GPT-4o, GPT-4.1, o-series and later OpenAI models).</summary>
    public const string DefaultEncoding = "o200k_base";

    private static readonly ConcurrentDictionary<string, TiktokenTokenCounter> s_byEncoding = new(StringComparer.Ordinal);
    private readonly Tokenizer _tokenizer;

    private TiktokenTokenCounter(string encoding, Tokenizer tokenizer)
    {
        Encoding = encoding;
        _tokenizer = tokenizer;
    }

    /// <summary>Gets a counter for <see cref="DefaultEncoding"/>.</summary>
    public static TiktokenTokenCounter Default => ForEncoding(DefaultEncoding);

    /// <summary>Gets the encoding's name.</summary>
    public string Encoding { get; }

    /// <summary>Gets a counter for a tiktoken encoding.</summary>
    /// <param name="encoding">The encoding name, such as <c>o200k_base</c>.</param>
    /// <returns>The (cached) counter.</returns>
    /// <exception cref="ArgumentException">The encoding is unknown or its data package is not referenced (only <c>Microsoft.ML.Tokenizers.Data.O200kBase</c> ships with Baton).</exception>
    public static TiktokenTokenCounter ForEncoding(string encoding)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoding);
        return s_byEncoding.GetOrAdd(encoding, static name =>
        {
            try
            {
                return new TiktokenTokenCounter(name, TiktokenTokenizer.CreateForEncoding(name));
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or FileNotFoundException)
            {
                throw new ArgumentException(
                    $"Tiktoken encoding '{name}' cannot be loaded: {ex.Message} Use '{DefaultEncoding}', or reference the Microsoft.ML.Tokenizers.Data package for that encoding.",
                    nameof(encoding),
                    ex);
            }
        });
    }

    /// <summary>Gets a counter for a model id: its tiktoken encoding when Microsoft.ML.Tokenizers knows the model and its data is available, otherwise <see cref="Default"/>.</summary>
    /// <param name="modelId">The model id, such as <c>gpt-4o</c>; any other model is counted with o200k_base as an estimate.</param>
    /// <returns>The counter.</returns>
    public static TiktokenTokenCounter ForModel(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return s_byEncoding.GetOrAdd("model:" + modelId, static key =>
        {
            try
            {
                return new TiktokenTokenCounter(key[6..], TiktokenTokenizer.CreateForModel(key[6..]));
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or FileNotFoundException)
            {
                // Unknown models (and encodings whose data package is absent) are estimated with the default encoding.
                return Default;
            }
        });
    }

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : _tokenizer.CountTokens(text);
    }
}
