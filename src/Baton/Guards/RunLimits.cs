namespace Baton.Guards;

/// <summary>
/// The limits every run is held to, whatever its orchestration. A run that reaches one ends with the matching
/// <see cref="RunStatus"/> and says so in its journal (<see cref="Journal.RunEnded.Limit"/>).
/// </summary>
/// <remarks>The limits are recorded in the run's first journal event, so a resumed run keeps them. Immutable;
/// validated when a runner is built and when a run starts.</remarks>
public sealed record RunLimits
{
    /// <summary>Gets the default limits.</summary>
    public static RunLimits Default { get; } = new();

    /// <summary>Gets the maximum number of agent steps in the whole run (re-asks and retries do not count).</summary>
    /// <value>The default is <see cref="BatonDefaults.RunMaxSteps"/> (25). Must be positive.</value>
    public int MaxSteps { get; init; } = BatonDefaults.RunMaxSteps;

    /// <summary>
    /// Gets the wall-clock time the run may take, measured by the run's <see cref="TimeProvider"/> from its start, or
    /// from its latest resume for a resumed run.
    /// </summary>
    /// <value>The default is <see cref="BatonDefaults.RunDeadline"/> (10 minutes). <see langword="null"/> means no deadline.</value>
    public TimeSpan? Deadline { get; init; } = BatonDefaults.RunDeadline;

    /// <summary>Gets the number of tokens (input plus output, as reported by the chat clients) the run may use.</summary>
    /// <value>The default is <see langword="null"/>: no token budget.</value>
    public long? TokenBudget { get; init; }

    internal void CollectErrors(ICollection<string> errors)
    {
        OptionsValidation.Positive(errors, "RunLimits.", nameof(MaxSteps), MaxSteps);
        OptionsValidation.PositiveOrNull(errors, "RunLimits.", nameof(Deadline), Deadline, "no deadline");
        OptionsValidation.PositiveOrNull(errors, "RunLimits.", nameof(TokenBudget), TokenBudget, "no budget");
    }
}
