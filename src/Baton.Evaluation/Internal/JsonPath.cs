using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baton.Evaluation.Internal;

/// <summary>
/// A small JSONPath subset for expectations: <c>$</c>, then any of <c>.name</c>, <c>['name']</c> (or double quotes)
/// and <c>[index]</c> (negative counts from the end). Parsing never throws on content: it returns an error.
/// </summary>
internal sealed class JsonPath
{
    private const int MaxSegments = 64;

    private readonly object[] _segments;

    private JsonPath(string text, object[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static bool TryParse(string? text, out JsonPath? path, out string error)
    {
        path = null;
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            error = "a JSON path starts with '$' (for example $.key_facts[0] or $['a key'])";
            return false;
        }

        var segments = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (segments.Count >= MaxSegments)
            {
                error = $"the path has more than {MaxSegments} segments";
                return false;
            }

            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }

                if (i == start)
                {
                    error = $"empty name at character {start + 1}";
                    return false;
                }

                segments.Add(text[start..i]);
            }
            else if (text[i] == '[')
            {
                var close = FindClose(text, i);
                if (close < 0)
                {
                    error = $"'[' at character {i + 1} is not closed";
                    return false;
                }

                var inner = text[(i + 1)..close].Trim();
                if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    segments.Add(Unescape(inner[1..^1]));
                }
                else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else
                {
                    error = $"'[{inner}]' is neither an index nor a quoted name";
                    return false;
                }

                i = close + 1;
            }
            else
            {
                error = $"unexpected '{text[i]}' at character {i + 1}; use .name, ['name'] or [index]";
                return false;
            }
        }

        path = new JsonPath(text, [.. segments]);
        error = string.Empty;
        return true;
    }

    /// <summary>Finds the value at the path, or says where the path stops.</summary>
    public bool TrySelect(JsonElement root, out JsonElement value, out string problem)
    {
        value = root;
        var at = new StringBuilder("$");
        foreach (var segment in _segments)
        {
            if (segment is string name)
            {
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problem = $"{at} is {Kind(value)}, not an object with '{name}'";
                    return false;
                }

                if (!value.TryGetProperty(name, out value))
                {
                    problem = $"{at} has no property '{name}'";
                    return false;
                }

                at.Append('.').Append(name);
            }
            else
            {
                var index = (int)segment;
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problem = $"{at} is {Kind(value)}, not an array";
                    return false;
                }

                var length = value.GetArrayLength();
                var actual = index < 0 ? length + index : index;
                if (actual < 0 || actual >= length)
                {
                    problem = $"{at} has {length} item(s); index {index} is out of range";
                    return false;
                }

                value = value[actual];
                at.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        problem = string.Empty;
        return true;
    }

    private static int FindClose(string text, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
