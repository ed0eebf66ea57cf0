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
internal static class RequestFingerprint
{
    /// <summary>Computes the fingerprint of a request.</summary>
    /// <param name="messages">The messages sent.</param>
    /// <param name="options">The options sent, if any.</param>
    /// <returns>A lowercase hex SHA-256 hash.</returns>
    public static string Compute(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // One pooled buffer and a one-shot hash: the same bytes as hashing the pieces incrementally, without a hash
        // object per call.
        var buffer = new Utf8Buffer(1024);
        try
        {
            if (messages is IList<ChatMessage> list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    AppendMessage(ref buffer, list[i]);
                }
            }
            else
            {
                foreach (var message in messages)
                {
                    AppendMessage(ref buffer, message);
                }
            }

            if (options is not null)
            {
                buffer.Append("\u0003");
                buffer.Append(options.ModelId);
                buffer.Append("|t=");
                buffer.Append(options.Temperature?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                buffer.Append("|p=");
                buffer.Append(options.TopP?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                buffer.Append("|m=");
                buffer.Append(options.MaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                buffer.Append("|f=");
                switch (options.ResponseFormat)
                {
                    case ChatResponseFormatJson json:
                        buffer.Append("json:");
                        buffer.Append(json.SchemaName);
                        buffer.Append(json.Schema is { } schema ? schema.GetRawText() : null);
                        break;
                    case ChatResponseFormatText:
                        buffer.Append("text");
                        break;
                    default:
                        break;
                }
            }

            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(buffer.Written, digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private static void AppendMessage(ref Utf8Buffer buffer, ChatMessage message)
    {
        buffer.Append(message.Role.Value);
        buffer.Append("\u0001");
        buffer.Append(message.Text);
        buffer.Append("\u0002");
    }

    private struct Utf8Buffer(int capacity) : IDisposable
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);
        private int _length;

        public readonly ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

        public void Append(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            var needed = _length + Encoding.UTF8.GetMaxByteCount(text.Length);
            if (needed > _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _bytes.Length * 2));
                _bytes.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }

            _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }
}
