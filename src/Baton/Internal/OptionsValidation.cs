using Baton.Orchestration;

namespace Baton;

/// <summary>
/// The one way Baton validates options: each options type adds one sentence per problem (naming the owner, the
/// option, its value and the fix), and <see cref="ThrowIfInvalid"/> throws one
/// <see cref="OrchestrationConfigurationException"/> listing all of them. Options are validated once, when what
/// uses them is built, and copied then; nothing reads them again while a run executes.
/// </summary>
internal static class OptionsValidation
{
    /// <summary>Throws when <paramref name="errors"/> holds any problem.</summary>
    /// <param name="subject">What was checked, as the message names it, for example <c>Orchestration 'desk'</c> or <c>HandoffRunnerOptions</c>.</param>
    /// <param name="errors">The problems found (may be <see langword="null"/> when none were).</param>
    /// <exception cref="OrchestrationConfigurationException">There is at least one problem.</exception>
    public static void ThrowIfInvalid(string subject, IReadOnlyList<string>? errors)
    {
        if (errors is { Count: > 0 })
        {
            throw OrchestrationConfigurationException.ForSubject(subject, errors);
        }
    }

    public static void Positive(ICollection<string> errors, string owner, string option, long value)
    {
        if (value <= 0)
        {
            errors.Add($"{owner}{option} is {value}; it must be positive.");
        }
    }

    public static void PositiveOrNull(ICollection<string> errors, string owner, string option, long? value, string nullMeans)
    {
        if (value is { } v && v <= 0)
        {
            errors.Add($"{owner}{option} is {v}; it must be positive, or null for {nullMeans}.");
        }
    }

    public static void PositiveOrNull(ICollection<string> errors, string owner, string option, TimeSpan? value, string nullMeans)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            errors.Add($"{owner}{option} is {v}; it must be positive, or null for {nullMeans}.");
        }
    }

    public static void NotNegative(ICollection<string> errors, string owner, string option, int value)
    {
        if (value < 0)
        {
            errors.Add($"{owner}{option} is {value}; it must be zero or more.");
        }
    }

    public static void InRange(ICollection<string> errors, string owner, string option, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{owner}{option} is {value}; it must be between {min} and {max}.");
        }
    }

    public static void NotNull(ICollection<string> errors, string owner, string option, object? value, string fix)
    {
        if (value is null)
        {
            errors.Add($"{owner}{option} must not be null; {fix}");
        }
    }
}
