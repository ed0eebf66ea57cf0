using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Baton.Secrets;

/// <summary>
/// Masks secrets (API keys, tokens) in text before it reaches a journal, a log, an exception message or a terminal.
/// </summary>
/// <remarks>
/// <para>Three things are replaced with <see cref="Mask"/>: every configured secret; every run of at least
/// <see cref="FragmentLength"/> consecutive characters of a configured secret (so a key cut off by a truncation,
/// or split across a line, leaks at most <see cref="FragmentLength"/> − 1 of its characters); and text shaped like a
/// provider key (<c>sk-…</c>, which covers <c>sk-ant-…</c> and <c>sk-proj-…</c>) even when it was not configured.</para>
/// <para>Configured values shorter than <see cref="FragmentLength"/> characters are ignored: a placeholder such as
/// <c>no-key</c> is no secret, and masking it would mangle ordinary words. Matching is ordinal.</para>
/// <para>Redact before truncating: masking is complete only on the whole text.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed partial class SecretRedactor
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "[redacted]";

    /// <summary>The length of the shortest run of a secret's characters that is masked on its own, and of the shortest secret kept.</summary>
    public const int FragmentLength = 8;

    private readonly HashSet<string> _fragments;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Initializes a new instance of the <see cref="SecretRedactor"/> class.</summary>
    /// <param name="secrets">The secret values; <see langword="null"/>, blank and short values are ignored, the rest are trimmed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="secrets"/> is <see langword="null"/>.</exception>
    public SecretRedactor(params IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _fragments = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var value in secrets)
        {
            var secret = value?.Trim();
            if (secret is null || secret.Length < FragmentLength)
            {
                continue;
            }

            count++;
            for (var i = 0; i + FragmentLength <= secret.Length; i++)
            {
                _fragments.Add(secret.Substring(i, FragmentLength));
            }
        }

        SecretCount = count;
        _lookup = _fragments.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Gets a redactor with no configured secret: it masks only text shaped like a provider key.</summary>
    public static SecretRedactor Default { get; } = new([]);

    /// <summary>Gets how many configured secrets are masked (values too short to be secrets are not counted).</summary>
    public int SecretCount { get; }

    /// <summary>Returns <paramref name="text"/> with every secret, fragment of a secret and key-shaped token replaced by <see cref="Mask"/>.</summary>
    /// <param name="text">The text; <see langword="null"/> is returned as is.</param>
    /// <returns>The redacted text; the same instance when nothing was masked.</returns>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var ranges = FindSecrets(text);
        if (ranges is null)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, end) in ranges)
        {
            result.Append(text, position, start - position).Append(Mask);
            position = end;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Returns whether <paramref name="text"/> holds anything <see cref="Redact"/> would mask.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when the text holds a secret, a fragment of one or a key-shaped token.</returns>
    public bool Reveals([NotNullWhen(true)] string? text) => !string.IsNullOrEmpty(text) && FindSecrets(text) is not null;

    /// <summary>Finds the spans to mask, sorted and merged, or <see langword="null"/> when there are none.</summary>
    private List<(int Start, int End)>? FindSecrets(string text)
    {
        List<(int Start, int End)>? ranges = null;
        if (_fragments.Count > 0 && text.Length >= FragmentLength)
        {
            // Every run of at least FragmentLength characters of a secret contains one of its fragments, so covering
            // each fragment found covers the run; overlapping fragments merge into one masked span.
            var start = -1;
            var end = -1;
            for (var i = 0; i + FragmentLength <= text.Length; i++)
            {
                if (!_lookup.Contains(text.AsSpan(i, FragmentLength)))
                {
                    continue;
                }

                if (start >= 0 && i <= end)
                {
                    end = i + FragmentLength;
                    continue;
                }

                if (start >= 0)
                {
                    (ranges ??= []).Add((start, end));
                }

                (start, end) = (i, i + FragmentLength);
            }

            if (start >= 0)
            {
                (ranges ??= []).Add((start, end));
            }
        }

        foreach (var match in KeyShape().EnumerateMatches(text))
        {
            (ranges ??= []).Add((match.Index, match.Index + match.Length));
        }

        return ranges is null ? null : Merge(ranges);
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> ranges)
    {
        if (ranges.Count == 1)
        {
            return ranges;
        }

        ranges.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(int Start, int End)>(ranges.Count) { ranges[0] };
        for (var i = 1; i < ranges.Count; i++)
        {
            var last = merged[^1];
            if (ranges[i].Start <= last.End)
            {
                merged[^1] = (last.Start, Math.Max(last.End, ranges[i].End));
            }
            else
            {
                merged.Add(ranges[i]);
            }
        }

        return merged;
    }

    // OpenAI (sk-…, sk-proj-…) and Anthropic (sk-ant-…) keys. The look-behind keeps a start inside a longer word (and
    // each "sk-" of a repeated "sk-sk-sk-…") from matching again, so the scan stays linear.
    [GeneratedRegex("(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();
}
