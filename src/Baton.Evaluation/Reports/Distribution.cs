namespace Baton.Evaluation.Reports;

/// <summary>The 50th and 95th percentiles and the maximum of a set of values (nearest-rank percentiles: each is one of the values).</summary>
/// <param name="Count">The number of values.</param>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="Max">The largest value.</param>
public sealed record Distribution(int Count, double P50, double P95, double Max)
{
    /// <summary>Gets the distribution of no values (every figure 0).</summary>
    public static Distribution Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Computes the distribution of values.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The distribution; <see cref="Empty"/> for no values.</returns>
    public static Distribution Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? Empty : new(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), sorted[^1]);
    }

    /// <summary>Gets the nearest-rank percentile of sorted values: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    /// <param name="sorted">The values, in ascending order; not empty.</param>
    /// <param name="percent">The percentile, in (0, 100].</param>
    /// <returns>The percentile.</returns>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
