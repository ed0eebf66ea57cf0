using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Baton.Guards;

/// <summary>Short, stable digests of outputs, used to tell "new information" from a repetition.</summary>
internal static class OutputDigest
{
    /// <summary>The digest of "no output".</summary>
    public const string None = "none";

    /// <summary>Computes the digest of some outputs: the first 16 hex digits of the SHA-256 of their JSON texts, in order.</summary>
    /// <param name="values">The output values; <see langword="null"/> entries (missing outputs) count as absent.</param>
    /// <returns>The digest, or <see cref="None"/> when every value is absent.</returns>
    public static string Compute(IEnumerable<JsonElement?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sb = new StringBuilder();
        var any = false;
        foreach (var value in values)
        {
            sb.Append(value is { } v ? v.GetRawText() : "\u0000").Append('\u001e');
            any |= value is not null;
        }

        if (!any)
        {
            return None;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
