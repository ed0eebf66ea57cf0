using System.Globalization;
using System.Text;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>Generators of JSON text and of model replies that hold it (whole, fenced, in prose, quoted twice).</summary>
internal static class JsonInputs
{
    /// <summary>JSON string contents: plain text, text needing escapes, and raw escapes (some of them lone surrogates).</summary>
    public static readonly Gen<string> StringBody = Gen.Frequency(
        (6, Gen.String[0, 24].Select(Escape)),
        (2, Gen.OneOf<string>("billing", "tech", "escalation", "DONE", "done", "Billing", "b\u0131lling", "approved", "revise", " APPROVED ", "")),
        (2, Gen.OneOf<string>("\\ud83d", "\\udc00", "\\ud83d\\ude00", "\\u00e9", "\\n", "\\\"", "\\\\", "\\u0000", "\\uD800\\uD800")),
        (1, Gen.Char.Array[0, 8].Select(c => Escape(new string(c)))));

    /// <summary>JSON numbers, including ones outside double and decimal range.</summary>
    public static readonly Gen<string> Number = Gen.Frequency(
        (5, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")),
        (2, Gen.OneOf<string>("1e999", "-1e400", "1e-400", "79228162514264337593543950336", "0.0000000000000000000000000000001", "-0", "1E+2", "12345678901234567890123")));

    /// <summary>Any JSON value up to four levels deep.</summary>
    public static readonly Gen<string> Value = ValueOfDepth(4);

    /// <summary>A JSON object with some of the given keys (and others), each with any value.</summary>
    public static Gen<string> Object(params string[] keys)
    {
        var key = Gen.Frequency((4, Gen.OneOf<string>(keys)), (1, StringBody));
        var member = Gen.Select(key, Gen.Frequency((3, StringBody.Select(s => $"\"{s}\"")), (1, Value)), (k, v) => $"\"{k}\": {v}");
        return Gen.Select(member.Array[0, keys.Length + 2], Gen.Bool, (members, indent) =>
            indent ? "{\n  " + string.Join(",\n  ", members) + "\n}" : "{" + string.Join(", ", members) + "}");
    }

    /// <summary>A reply holding <paramref name="json"/> the ways models write it, sometimes with a second, different object.</summary>
    public static Gen<string> Reply(Gen<string> json)
    {
        var prose = Gen.OneOf<string>("", "Sure.", "Here is my answer:", "I think {maybe} this:", "Earlier I said", "Use [1] and [2].", "```python\nx = {'a': 1}\n```");
        return Gen.Select(json, json, prose, Gen.Int[0, 7], (a, b, p, shape) => shape switch
        {
            0 => a,
            1 => $"{p}\n```json\n{a}\n```",
            2 => $"{p} {a} thanks",
            3 => $"{p}\n```json\n{b}\n```\nActually:\n```json\n{a}\n```",
            4 => $"{p} {b}\nThen {a}",
            5 => $"```\n{a}\n```\n{p}",
            6 => $"{p}\n```json\n{a}\n```\nwhich is {a}",
            _ => p,
        });
    }

    private static Gen<string> ValueOfDepth(int depth)
    {
        var scalar = Gen.Frequency(
            (4, StringBody.Select(s => $"\"{s}\"")),
            (3, Number),
            (1, Gen.OneOf<string>("true", "false", "null")));
        if (depth == 0)
        {
            return scalar;
        }

        var child = ValueOfDepth(depth - 1);
        var array = child.Array[0, 4].Select(items => "[" + string.Join(", ", items) + "]");
        var obj = Gen.Select(StringBody, child).Array[0, 4].Select(members => "{" + string.Join(", ", members.Select(m => $"\"{m.Item1}\": {m.Item2}")) + "}");
        return Gen.Frequency((3, scalar), (1, array), (1, obj));
    }

    // JSON-escapes text the way a serializer would, except that lone surrogates are kept raw (a hostile reply can hold them).
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
