namespace Baton.Orchestration;

/// <summary>Suggests the closest known name for a misspelt one.</summary>
/// <remarks>
/// Bounded for hostile input: names or candidates longer than <see cref="MaxNameLength"/> characters get no
/// suggestion, and at most <see cref="MaxCandidates"/> candidates are compared, so one call costs at most
/// about <c>MaxCandidates × MaxNameLength²</c> steps whatever it is given.
/// </remarks>
internal static class NameSuggestions
{
    /// <summary>The longest name (and candidate) compared; longer ones are never suggested or matched.</summary>
    internal const int MaxNameLength = 64;

    /// <summary>The most candidates compared in one call.</summary>
    internal const int MaxCandidates = 256;

    /// <summary>Finds the candidate closest to <paramref name="name"/> by edit distance, if any is close enough.</summary>
    /// <param name="name">The name that was not found.</param>
    /// <param name="candidates">The names that exist.</param>
    /// <returns>
    /// The closest candidate within a third of the name's length (at least 2 edits), or <see langword="null"/>; also
    /// <see langword="null"/> when the name is longer than <see cref="MaxNameLength"/> characters.
    /// </returns>
    public static string? DidYouMean(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        if (name.Length > MaxNameLength)
        {
            return null;
        }

        var maxDistance = Math.Max(2, name.Length / 3);
        var upperName = name.ToUpperInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Where(c => c is not null && c.Length <= MaxNameLength).Distinct(StringComparer.Ordinal).Take(MaxCandidates))
        {
            if (candidate == name)
            {
                continue;
            }

            var distance = Math.Abs(candidate.Length - name.Length) > maxDistance && !IsPrefix(candidate, name)
                ? int.MaxValue
                : Distance(upperName, candidate.ToUpperInvariant());
            if (IsPrefix(candidate, name))
            {
                distance = Math.Min(distance, 1);
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= maxDistance ? best : null;
    }

    private static bool IsPrefix(string candidate, string name) =>
        name.Length > 0 && candidate.Length > 0 && (candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase) || name.StartsWith(candidate, StringComparison.OrdinalIgnoreCase));

    private static int Distance(string a, string b)
    {
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
