using System.Globalization;

namespace Baton.Specs;

/// <summary>Parses durations written in specs: <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>1h30m</c>, or <c>none</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan? duration)
    {
        duration = null;
        var t = text.Trim().ToLowerInvariant();
        if (t is "none" or "null" or "~")
        {
            return true;
        }

        var total = TimeSpan.Zero;
        var number = 0L;
        var digits = 0;
        foreach (var c in t)
        {
            if (char.IsAsciiDigit(c))
            {
                number = checked((number * 10) + (c - '0'));
                digits++;
                continue;
            }

            if (digits == 0)
            {
                return false;
            }

            TimeSpan? part = c switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                's' => TimeSpan.FromSeconds(number),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            total += part.Value;

            number = 0;
            digits = 0;
        }

        if (digits > 0)
        {
            // A bare number is seconds.
            total += TimeSpan.FromSeconds(long.Parse(t[^digits..], CultureInfo.InvariantCulture));
        }

        duration = total;
        return total > TimeSpan.Zero;
    }
}
