using System.Globalization;

namespace Baton.Specs;

/// <summary>Parses durations written in specs: <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>1h30m</c>, a bare number of seconds, or <c>none</c>.</summary>
/// <remarks>Never throws: a value too large for a <see cref="TimeSpan"/> or above the caller's maximum is simply invalid.</remarks>
internal static class DurationText
{
    /// <summary>The most characters a duration may have (<c>8760h59m59s</c> is 11).</summary>
    private const int MaxLength = 32;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The largest duration accepted.</param>
    /// <param name="duration">The duration, or <see langword="null"/> for <c>none</c>.</param>
    /// <returns><see langword="true"/> for <c>none</c> or a positive duration of at most <paramref name="max"/>.</returns>
    public static bool TryParse(string text, TimeSpan max, out TimeSpan? duration)
    {
        duration = null;
        var t = text.Trim().ToLowerInvariant();
        if (t is "none" or "null" or "~")
        {
            return true;
        }

        if (t.Length is 0 or > MaxLength)
        {
            return false;
        }

        // Seconds as a long: 32 characters cannot overflow it before the per-step check against max.
        var maxSeconds = (long)max.TotalSeconds;
        long total = 0;
        long number = 0;
        var digits = 0;
        foreach (var c in t)
        {
            if (char.IsAsciiDigit(c))
            {
                number = (number * 10) + (c - '0');
                if (++digits > 18 || number > maxSeconds)
                {
                    return false;
                }

                continue;
            }

            var unit = c switch
            {
                'h' => 3600L,
                'm' => 60L,
                's' => 1L,
                _ => 0L,
            };
            if (digits == 0 || unit == 0 || number > maxSeconds / unit)
            {
                return false;
            }

            total += number * unit;
            if (total > maxSeconds)
            {
                return false;
            }

            number = 0;
            digits = 0;
        }

        // A bare number (or a trailing one, as in "1m30") is seconds.
        total += number;
        if (total <= 0 || total > maxSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>Formats a whole number of seconds the way specs write durations: <c>720h</c>, <c>90s</c>, <c>1h30m</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        var parts = new List<string>(3);
        if (seconds >= 3600)
        {
            parts.Add((seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (seconds % 3600 / 60 > 0)
        {
            parts.Add((seconds % 3600 / 60).ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (seconds % 60 > 0 || parts.Count == 0)
        {
            parts.Add((seconds % 60).ToString(CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }
}
