namespace Baton.Orchestration.Review;

/// <summary>Options for a <see cref="ReviewLoop"/>.</summary>
/// <remarks>Immutable. Validated once, when the loop is built (every problem in one
/// <see cref="OrchestrationConfigurationException"/>). Defaults live in <see cref="BatonDefaults"/>.</remarks>
public sealed record ReviewLoopOptions
{
    /// <summary>Gets the default options.</summary>
    public static ReviewLoopOptions Default { get; } = new();

    /// <summary>Gets the number of write-and-review rounds before the round limit stops the loop.</summary>
    /// <value>The default is <see cref="BatonDefaults.ReviewMaxRounds"/> (3). Must be positive.</value>
    public int MaxRounds { get; init; } = BatonDefaults.ReviewMaxRounds;

    /// <summary>Gets how the reviewer states its verdict.</summary>
    /// <value>The default is <see cref="ReviewVerdictFormat.Prefix"/> (<c>APPROVED:</c> / <c>REVISE:</c>).</value>
    public ReviewVerdictFormat VerdictFormat { get; init; } = ReviewVerdictFormat.Prefix;

    /// <summary>
    /// Gets whether a reviewer reply that holds no verdict is re-asked (within the reviewer's
    /// <see cref="Agents.Agent.MaxReasks"/>), like any other unusable reply, before it counts as a revision request.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: an unreadable verdict is recorded and counts as a revision request whose
    /// feedback is what was wrong and what the reviewer said. A reply cut by the output-token limit is re-asked either way.
    /// </value>
    public bool ReaskUnreadableVerdicts { get; init; }

    /// <summary>
    /// Gets what happens when <see cref="MaxRounds"/> pass without approval; the run ends with
    /// <see cref="RunStatus.RoundLimitReached"/>.
    /// </summary>
    /// <value>The default is <see cref="Fallback.Fail"/>: the result is the best draft so far, which is the last draft.</value>
    public Fallback OnRoundLimit { get; init; } = Fallback.Fail;

    internal void CollectErrors(string loop, ICollection<string> errors)
    {
        var owner = $"Review loop '{loop}': ReviewLoopOptions.";
        OptionsValidation.Positive(errors, owner, nameof(MaxRounds), MaxRounds);
        if (!Enum.IsDefined(VerdictFormat))
        {
            errors.Add($"{owner}VerdictFormat is {(int)VerdictFormat}; use Prefix or Json.");
        }

        OptionsValidation.NotNull(errors, owner, nameof(OnRoundLimit), OnRoundLimit, "use Fallback.Fail to keep the last draft.");
    }
}
