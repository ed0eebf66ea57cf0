using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Baton.Orchestration.Review;

/// <summary>Reads a reviewer's reply as a verdict, deterministically and strictly.</summary>
/// <remarks>
/// <para><b>Prefix format.</b> Leading spaces (U+0020), tabs, carriage returns and line feeds are skipped, and
/// nothing else: not other Unicode spaces, not a byte-order mark. The reply must then start with the keyword
/// <c>APPROVED</c> or <c>REVISE</c>, in any ASCII letter case, immediately followed by a colon: <c>APPROVED:</c>,
/// <c>approved:</c>, <c>Revise:</c>. The rest of the reply, trimmed, is the feedback; <c>REVISE:</c> requires some.
/// Nothing else is a verdict: not <c>I approve</c>, not <c>APPROVED</c> without its colon, not <c>**APPROVED:**</c>,
/// not <c>APPROVED :</c>, and not a keyword in the middle of the text.</para>
/// <para><b>JSON format.</b> One object (the whole reply, or the only object in a fenced block or in prose; two
/// different objects are no verdict) with a string <c>verdict</c> of <c>approved</c> or <c>revise</c> (any ASCII
/// letter case, trimmed) and a string <c>feedback</c>, required and non-empty for <c>revise</c>.</para>
/// <para>A lone UTF-16 surrogate in prefix feedback becomes U+FFFD; in a JSON reply (raw, or as a <c>\ud83d</c>
/// escape) it makes the reply no verdict. The verdict is read from the reviewer's reply only, never from the draft it reviews. Pure and
/// thread-safe; never throws for any reply text.</para>
/// </remarks>
internal static class ReviewVerdictParser
{
    /// <summary>The approval keyword (followed by a colon).</summary>
    public const string ApprovedKeyword = "APPROVED";

    /// <summary>The revision keyword (followed by a colon).</summary>
    public const string ReviseKeyword = "REVISE";

    /// <summary>Parses a reviewer's reply.</summary>
    /// <param name="reply">The reply text.</param>
    /// <param name="format">The verdict format.</param>
    /// <param name="verdict">The verdict, when the reply holds one.</param>
    /// <param name="error">What is wrong with the reply, when it holds none.</param>
    /// <returns><see langword="true"/> when the reply holds a verdict.</returns>
    public static bool TryParse(string? reply, ReviewVerdictFormat format, [NotNullWhen(true)] out ReviewVerdict? verdict, [NotNullWhen(false)] out string? error)
    {
        var text = (reply ?? string.Empty).TrimStart(' ', '\t', '\r', '\n');
        return format == ReviewVerdictFormat.Json
            ? TryParseJson(text.TrimEnd(), out verdict, out error)
            : TryParsePrefix(text, out verdict, out error);
    }

    private static bool TryParsePrefix(string text, [NotNullWhen(true)] out ReviewVerdict? verdict, [NotNullWhen(false)] out string? error)
    {
        verdict = null;
        foreach (var (keyword, kind) in new[] { (ApprovedKeyword, ReviewVerdictKind.Approved), (ReviseKeyword, ReviewVerdictKind.Revise) })
        {
            if (text.Length > keyword.Length
                && System.Text.Ascii.EqualsIgnoreCase(text.AsSpan(0, keyword.Length), keyword)
                && text[keyword.Length] == ':')
            {
                var feedback = JsonText.ReplaceLoneSurrogates(text[(keyword.Length + 1)..].Trim());
                if (kind == ReviewVerdictKind.Revise && feedback.Length == 0)
                {
                    error = "The reply says REVISE: but gives no feedback. Say what must change after the colon.";
                    return false;
                }

                verdict = new ReviewVerdict(kind, feedback);
                error = null;
                return true;
            }
        }

        error = text.Length == 0
            ? "The reply is empty. Start it with APPROVED: or REVISE: followed by your feedback."
            : "The reply does not start with APPROVED: or REVISE:. Start it with one of them (the colon is required).";
        return false;
    }

    private static bool TryParseJson(string text, [NotNullWhen(true)] out ReviewVerdict? verdict, [NotNullWhen(false)] out string? error)
    {
        verdict = null;
        const string Expected = "Answer with only {\"verdict\": \"approved\" or \"revise\", \"feedback\": \"...\"}.";
        var found = JsonObjectExtractor.Extract(text);
        if (!found.IsFound)
        {
            error = found.Status == JsonExtractionStatus.NoJson
                ? $"The reply holds no JSON object. {Expected}"
                : $"{found.Describe("JSON object", "The reply")} {Expected}";
            return false;
        }

        var root = found.Value;
        if (!root.TryGetProperty("verdict", out var v) || v.ValueKind != JsonValueKind.String)
        {
            error = $"The JSON has no string \"verdict\" field. {Expected}";
            return false;
        }

        var feedback = root.TryGetProperty("feedback", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()!.Trim() : null;
        if (root.TryGetProperty("feedback", out var present) && present.ValueKind != JsonValueKind.String && present.ValueKind != JsonValueKind.Null)
        {
            error = $"The JSON \"feedback\" field is not a string. {Expected}";
            return false;
        }

        var word = v.GetString()!.Trim();
        if (System.Text.Ascii.EqualsIgnoreCase(word, ReviewVerdictKind.Approved.Value))
        {
            verdict = new ReviewVerdict(ReviewVerdictKind.Approved, feedback ?? string.Empty);
            error = null;
            return true;
        }

        if (System.Text.Ascii.EqualsIgnoreCase(word, ReviewVerdictKind.Revise.Value))
        {
            if (string.IsNullOrEmpty(feedback))
            {
                error = $"The verdict is \"revise\" but \"feedback\" is missing or empty. Say what must change. {Expected}";
                return false;
            }

            verdict = new ReviewVerdict(ReviewVerdictKind.Revise, feedback);
            error = null;
            return true;
        }

        error = $"The verdict is \"{JsonText.Clip(word, 43)}\", not \"approved\" or \"revise\". {Expected}";
        return false;
    }
}
