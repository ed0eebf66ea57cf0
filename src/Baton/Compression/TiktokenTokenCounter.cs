using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Baton.Compression;

/// <summary>
/// Counts tokens with a tiktoken encoding through Microsoft.ML.Tokenizers. Each encoding's data comes from its own
/// package (<c>Microsoft.ML.Tokenizers.Data.O200kBase</c> for <see cref="DefaultEncoding"/>), which the application
/// references: the Baton library does not force it on its consumers. Counting never needs the network.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Tokenizers are loaded once per encoding and cached.</para>
/// <para>Runs count tokens only where asked: for <c>AgentCalled.ContextTokens</c> when
/// <c>HandoffRunnerOptions.TokenCounter</c> is set, and for agents with a context budget (with this counter's
/// <see cref="Default"/> when no counter is set). An application that uses budgets without the data package sets its
/// own <see cref="ITokenCounter"/>.</para>
/// </remarks>
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
    /// <exception cref="ArgumentException">The encoding is unknown, or its data package is not referenced (the message names the package).</exception>
    public static TiktokenTokenCounter ForEncoding(string encoding)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoding);
        return s_byEncoding.GetOrAdd(encoding, static name =>
        {
            try
            {
                return new TiktokenTokenCounter(name, TiktokenTokenizer.CreateForEncoding(name));
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or FileNotFoundException or TypeLoadException)
            {
                throw new ArgumentException(Explain(name, ex), nameof(encoding), ex);
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

    /// <summary>Says why an encoding could not be loaded and how to fix it, naming its data package when it has one.</summary>
    internal static string Explain(string encoding, Exception ex)
    {
        var package = encoding switch
        {
            "o200k_base" => "Microsoft.ML.Tokenizers.Data.O200kBase",
            "cl100k_base" => "Microsoft.ML.Tokenizers.Data.Cl100kBase",
            "p50k_base" or "p50k_edit" => "Microsoft.ML.Tokenizers.Data.P50kBase",
            "r50k_base" => "Microsoft.ML.Tokenizers.Data.R50kBase",
            _ => null,
        };
        return package is null
            ? $"Tiktoken encoding '{encoding}' is not known ({ex.Message}). Use '{DefaultEncoding}', or give HandoffRunnerOptions.TokenCounter your own ITokenCounter."
            : $"Tiktoken encoding '{encoding}' cannot be loaded: its data package is not referenced ({ex.Message}). Add <PackageReference Include=\"{package}\" /> to the application, or give HandoffRunnerOptions.TokenCounter your own ITokenCounter.";
    }

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : _tokenizer.CountTokens(text);
    }
}
