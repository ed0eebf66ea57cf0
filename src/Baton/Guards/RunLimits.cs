namespace Baton.Guards;

/// <summary>
/// The limits every run is held to, whatever its orchestration. A run that reaches one ends with the matching
/// <see cref="RunStatus"/> and says so in its journal.
/// </summary>
/// <remarks>The limits are recorded in the run's first journal event, so a resumed run keeps them.</remarks>
public sealed record RunLimits
{
    /// <summary>Gets the default limits.</summary>
    public static RunLimits Default { get; } = new();

    /// <summary>Gets the maximum number of agent steps in the whole run (re-asks and retries do not count).</summary>
    /// <value>The default is 25. Must be positive.</value>
    public int MaxSteps { get; init; } = 25;

    /// <summary>Gets the wall-clock time the run may take, measured from its start by the run's <see cref="TimeProvider"/>.</summary>
    /// <value>The default is 10 minutes. <see langword="null"/> means no deadline.</value>
    public TimeSpan? Deadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the number of tokens (input plus output, as reported by the chat clients) the run may use.</summary>
    /// <value>The default is <see langword="null"/>: no token budget.</value>
    public long? TokenBudget { get; init; }

    /// <summary>Checks that every limit is positive or null.</summary>
    /// <returns>The problems found, empty when the limits are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxSteps <= 0)
        {
            errors.Add($"RunLimits.MaxSteps is {MaxSteps}; it must be positive.");
        }

        if (Deadline is { } d && d <= TimeSpan.Zero)
        {
            errors.Add($"RunLimits.Deadline is {d}; it must be positive, or null for no deadline.");
        }

        if (TokenBudget is { } b && b <= 0)
        {
            errors.Add($"RunLimits.TokenBudget is {b}; it must be positive, or null for no budget.");
        }

        return errors;
    }
}
