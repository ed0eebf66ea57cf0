using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration;

/// <summary>Computes the hash that identifies a model request in journals and recordings.</summary>
/// <remarks>
/// The hash covers each message's role and text, and the options that change an answer (model id, temperature,
/// top-p, maximum output tokens, response format). It is stable across processes and machines.
/// </remarks>
public static class RequestFingerprint
{
    /// <summary>Computes the fingerprint of a request.</summary>
    /// <param name="messages">The messages sent.</param>
    /// <param name="options">The options sent, if any.</param>
    /// <returns>A lowercase hex SHA-256 hash.</returns>
    public static string Compute(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var message in messages)
        {
            Append(hash, message.Role.Value);
            Append(hash, "\u0001");
            Append(hash, message.Text);
            Append(hash, "\u0002");
        }

        if (options is not null)
        {
            Append(hash, "\u0003");
            Append(hash, options.ModelId);
            Append(hash, "|t=");
            Append(hash, options.Temperature?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            Append(hash, "|p=");
            Append(hash, options.TopP?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            Append(hash, "|m=");
            Append(hash, options.MaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(hash, "|f=");
            switch (options.ResponseFormat)
            {
                case ChatResponseFormatJson json:
                    Append(hash, "json:");
                    Append(hash, json.SchemaName);
                    Append(hash, json.Schema is { } schema ? schema.GetRawText() : null);
                    break;
                case ChatResponseFormatText:
                    Append(hash, "text");
                    break;
                default:
                    break;
            }
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static void Append(IncrementalHash hash, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            hash.AppendData(rented, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

}
