namespace Baton.Compression;

/// <summary>Counts the tokens of a text the way a model's tokenizer does.</summary>
/// <remarks>Implementations must be thread-safe and deterministic.</remarks>
public interface ITokenCounter
{
    /// <summary>Counts the tokens of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens (0 for an empty text).</returns>
    int CountTokens(string text);
}
