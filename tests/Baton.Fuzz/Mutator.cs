using System.Text;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>Text mutations over seed inputs: insert a hostile token, delete, duplicate or swap a span, cut the text short.</summary>
internal static class Mutator
{
    /// <summary>Fragments that break parsers: JSON structure, escapes, lone surrogates, odd spaces, huge numbers.</summary>
    public static readonly string[] CommonTokens =
    [
        "{", "}", "[", "]", "\"", "\\", ":", ",", "`", "```", "```json\n", "\n```\n", "\n", "\r\n", " ", "\t",
        "\u00a0", "\u2028", "\u3000", "\ufeff", "\0", "\u001b[2J", "\\u", "\\ud83d", "\\udc00", "\\ud83d\\ude00", "\\uZZZZ",
        "\\x41", "\ud83d", "\udc00", "\ud83d\ude00", "é", "\u0131", "1e999", "-1e400", "1e-400", "99999999999999999999999",
        "-0", "0.1", "NaN", "Infinity", "null", "true", "false", "{}", "[]", "{\"a\":1}", "[1,2]", "\"\"", "{\"",
        "{{{{{{{{", "]]]]", "\"\\\"", "/*", "//",
    ];

    /// <summary>Wraps a seed generator with 0 to 5 mutations drawn from <paramref name="tokens"/>.</summary>
    public static Gen<string> Mutate(Gen<string> seeds, string[] tokens)
    {
        var op = Gen.Select(Gen.Int[0, 6], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, tokens.Length - 1]);
        return Gen.Select(seeds, Gen.Frequency((3, op.Array[0, 0]), (5, op.Array[1, 5])), (text, ops) =>
        {
            foreach (var (kind, a, b, token) in ops)
            {
                text = Apply(text, kind, a, b, tokens[token]);
            }

            return text;
        });
    }

    private static string Apply(string text, int kind, double a, double b, string token)
    {
        var i = (int)(a * text.Length);
        var j = Math.Min(text.Length, i + (int)(b * Math.Min(64, text.Length - i)));
        switch (kind)
        {
            case 0:
            case 1:
                return text.Insert(i, token);
            case 2:
                return text.Remove(i, j - i);
            case 3:
                return text.Insert(j, text[i..j]);
            case 4:
                return text[..i];
            case 5:
                // Replace one character (which may split a surrogate pair: that is the point).
                return i < text.Length ? string.Concat(text.AsSpan(0, i), token, text.AsSpan(i + 1)) : text + token;
            default:
                var repeated = new StringBuilder();
                for (var n = 0; n < 1 + (int)(b * 200); n++)
                {
                    repeated.Append(token);
                }

                return text.Insert(i, repeated.ToString());
        }
    }
}
