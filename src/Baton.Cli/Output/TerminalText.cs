using System.Text;

namespace Baton.Cli.Output;

/// <summary>
/// Removes terminal control sequences from text a command prints, so model or agent text cannot drive the terminal
/// (OSC 52 writes the clipboard, OSC 8 hides links, CSI clears the screen or moves the cursor).
/// </summary>
/// <remarks>
/// Removed: ESC sequences (CSI, OSC, DCS, SOS, PM, APC and two-character ones) including their parameters and
/// terminator, their 8-bit C1 forms, every other C0 and C1 control and DEL. Kept: newline, tab, and a carriage
/// return directly before a newline.
/// </remarks>
internal static class TerminalText
{
    private const char Escape = '\u001b';
    private const char Bell = '\u0007';

    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstControl(text);
        if (first < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        result.Append(text, 0, first);
        var i = first;
        while (i < text.Length)
        {
            var c = text[i];
            if (!IsControl(c) || c is '\n' or '\t' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                result.Append(c);
                i++;
                continue;
            }

            i = SkipSequence(text, i);
        }

        return result.ToString();
    }

    private static int FirstControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsControl(c) && c is not '\n' and not '\t' && !(c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsControl(char c) => c < ' ' || c is >= '\u007f' and <= '\u009f';

    /// <summary>Returns the index just past the control sequence that starts at <paramref name="start"/>.</summary>
    private static int SkipSequence(string text, int start)
    {
        var c = text[start];
        var next = start + 1 < text.Length ? text[start + 1] : '\0';
        return c switch
        {
            Escape when next == '[' => SkipCsi(text, start + 2),
            Escape when next == ']' => SkipString(text, start + 2),
            Escape when next is 'P' or 'X' or '^' or '_' => SkipString(text, start + 2),
            Escape when next is >= ' ' and <= '~' => start + 2,
            '\u009b' => SkipCsi(text, start + 1),
            '\u009d' or '\u0090' or '\u0098' or '\u009e' or '\u009f' => SkipString(text, start + 1),
            _ => start + 1,
        };
    }

    // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, then one final byte 0x40–0x7E.
    private static int SkipCsi(string text, int i)
    {
        while (i < text.Length && text[i] is >= '\u0020' and <= '\u003f')
        {
            i++;
        }

        return i < text.Length && text[i] is >= '\u0040' and <= '\u007e' ? i + 1 : i;
    }

    // OSC and the other string sequences end with BEL, ST (ESC \) or the 8-bit ST; a newline also ends them here so a
    // missing terminator cannot swallow the rest of the output.
    private static int SkipString(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c is Bell or '\u009c')
            {
                return i + 1;
            }

            if (c == Escape)
            {
                return i + 1 < text.Length && text[i + 1] == '\\' ? i + 2 : i;
            }

            if (c == '\n')
            {
                return i;
            }

            i++;
        }

        return i;
    }
}
