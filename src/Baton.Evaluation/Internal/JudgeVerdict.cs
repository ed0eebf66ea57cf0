using System.Text.Json;

namespace Baton.Evaluation.Internal;

/// <summary>
/// A judge's verdict parsed from its reply: <c>{"verdict": "pass"|"fail", "reason": "...", "unsupported_claims": [...]}</c>,
/// alone or inside prose or a code fence. A reply is hostile input: anything else is a typed error, never an exception.
/// </summary>
internal sealed record JudgeVerdict(bool Passed, string Reason, IReadOnlyList<string> UnsupportedClaims)
{
    public const int MaxReplyChars = 64 * 1024;
    private const int MaxReasonChars = 2000;
    private const int MaxClaims = 50;

    public static bool TryParse(string? reply, out JudgeVerdict? verdict, out string error)
    {
        verdict = null;
        if (string.IsNullOrWhiteSpace(reply))
        {
            error = "the judge's reply is empty";
            return false;
        }

        if (reply.Length > MaxReplyChars)
        {
            error = $"the judge's reply is {reply.Length} characters, longer than a verdict can be ({MaxReplyChars})";
            return false;
        }

        foreach (var candidate in Candidates(reply))
        {
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(candidate, new JsonDocumentOptions { MaxDepth = 16, AllowTrailingCommas = true });
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            return FromObject(root, out verdict, out error);
        }

        error = $"the judge's reply is not a verdict (expected JSON {{\"verdict\": \"pass\" or \"fail\", \"reason\": \"...\"}}): \"{Clip(reply.Trim(), 160)}\"";
        return false;
    }

    private static bool FromObject(JsonElement root, out JudgeVerdict? verdict, out string error)
    {
        verdict = null;
        bool passed;
        if (root.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString()!.Trim().ToLowerInvariant() is var word && word is "pass" or "fail" or "passed" or "failed")
        {
            passed = word.StartsWith("pass", StringComparison.Ordinal);
        }
        else if (root.TryGetProperty("passed", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            passed = p.GetBoolean();
        }
        else
        {
            error = $"the judge's reply has no \"verdict\" of \"pass\" or \"fail\": {Clip(root.GetRawText(), 160)}";
            return false;
        }

        var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : string.Empty;
        var claims = new List<string>();
        if (root.TryGetProperty("unsupported_claims", out var c) && c.ValueKind == JsonValueKind.Array)
        {
            foreach (var claim in c.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Take(MaxClaims))
            {
                claims.Add(Clip(claim.GetString()!.Trim(), 300));
            }
        }

        verdict = new JudgeVerdict(passed, Clip(reason.Length == 0 ? "(the judge gave no reason)" : reason, MaxReasonChars), claims);
        error = string.Empty;
        return true;
    }

    private static IEnumerable<string> Candidates(string reply)
    {
        var trimmed = reply.Trim();
        yield return trimmed;
        var fence = trimmed.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = trimmed.IndexOf('\n', fence);
            var end = start < 0 ? -1 : trimmed.IndexOf("```", start, StringComparison.Ordinal);
            if (end > start)
            {
                yield return trimmed[(start + 1)..end].Trim();
            }
        }

        var open = trimmed.IndexOf('{', StringComparison.Ordinal);
        var close = trimmed.LastIndexOf('}');
        if (open >= 0 && close > open)
        {
            yield return trimmed[open..(close + 1)];
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
