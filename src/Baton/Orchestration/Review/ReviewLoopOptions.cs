using Baton.Guards;

namespace Baton.Orchestration.Review;

/// <summary>Options for a <see cref="ReviewLoop"/>.</summary>
/// <remarks>Validated once, when the loop is built; every problem is reported in one message.</remarks>
public sealed class ReviewLoopOptions
{
    /// <summary>Gets or sets the number of write-and-review rounds before the round limit stops the loop.</summary>
    /// <value>The default is 3. Must be positive.</value>
    public int MaxRounds { get; set; } = 3;

    /// <summary>Gets or sets how the reviewer states its verdict.</summary>
    /// <value>The default is <see cref="ReviewVerdictFormat.Prefix"/> (<c>APPROVED:</c> / <c>REVISE:</c>).</value>
    public ReviewVerdictFormat VerdictFormat { get; set; } = ReviewVerdictFormat.Prefix;

    /// <summary>
    /// Gets or sets what happens when <see cref="MaxRounds"/> pass without approval; the run ends with
    /// <see cref="RunStatus.RoundLimitReached"/>.
    /// </summary>
    /// <value>The default is <see cref="GuardFallback.Fail"/>: the result is the best draft so far, which is the last draft.</value>
    public GuardFallback OnRoundLimit { get; set; } = GuardFallback.Fail;

    internal void CollectErrors(string loop, ICollection<string> errors)
    {
        if (MaxRounds <= 0)
        {
            errors.Add($"Review loop '{loop}': ReviewLoopOptions.MaxRounds is {MaxRounds}; it must be positive.");
        }

        if (!Enum.IsDefined(VerdictFormat))
        {
            errors.Add($"Review loop '{loop}': ReviewLoopOptions.VerdictFormat is {(int)VerdictFormat}; use Prefix or Json.");
        }

        if (OnRoundLimit is null)
        {
            errors.Add($"Review loop '{loop}': ReviewLoopOptions.OnRoundLimit must not be null; use GuardFallback.Fail to keep the last draft.");
        }
    }
}
