namespace Baton.Evaluation.Reports;

/// <summary>A confidence interval for a proportion such as a pass rate.</summary>
/// <param name="Lower">The lower bound, in [0, 1].</param>
/// <param name="Upper">The upper bound, in [0, 1].</param>
/// <param name="Confidence">The confidence level (0.95).</param>
/// <param name="Method">How it was computed (<c>wilson</c>).</param>
public sealed record ProportionInterval(double Lower, double Upper, double Confidence, string Method)
{
    /// <summary>The two-sided 95% normal quantile.</summary>
    private const double Z95 = 1.959963984540054;

    /// <summary>
    /// Computes the 95% Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>. Unlike
    /// the normal ("Wald") interval it stays inside [0, 1] and is not degenerate at 0% or 100%, which matters for the
    /// small samples and high pass rates evaluations have.
    /// </summary>
    /// <param name="successes">The successes.</param>
    /// <param name="trials">The trials; positive.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative, <paramref name="trials"/> is 0, or <paramref name="successes"/> exceeds it.</exception>
    public static ProportionInterval Wilson(int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        double n = trials;
        var p = successes / n;
        const double z2 = Z95 * Z95;
        var denominator = 1 + z2 / n;
        var center = (p + z2 / (2 * n)) / denominator;
        var margin = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new(Math.Max(0, center - margin), Math.Min(1, center + margin), 0.95, "wilson");
    }
}
