using System.Collections.Immutable;
using Baton.Guards;

namespace Baton.Orchestration.Supervisor;

/// <summary>Options for a <see cref="SupervisorOrchestration"/>: its guards, fallbacks and prompt sizes.</summary>
/// <remarks>
/// Immutable. Validated once, when the supervisor is built (every problem in one
/// <see cref="OrchestrationConfigurationException"/>); the supervisor keeps its own copy, so nothing is read from a
/// caller's instance while a run executes. Defaults live in <see cref="BatonDefaults"/>.
/// </remarks>
public sealed record SupervisorOptions
{
    /// <summary>Gets the default options.</summary>
    public static SupervisorOptions Default { get; } = new();

    /// <summary>Gets the number of times the supervisor may route to a specialist before its step limit stops it.</summary>
    /// <value>The default is <see cref="BatonDefaults.SupervisorMaxSteps"/> (5). Must be positive. Supervisor calls and re-asks do not count; the run-wide <see cref="RunLimits.MaxSteps"/> still applies to every call.</value>
    public int MaxSteps { get; init; } = BatonDefaults.SupervisorMaxSteps;

    /// <summary>Gets how many times the supervisor is re-asked after an unusable decision, told what was wrong.</summary>
    /// <value>The default is <see cref="BatonDefaults.MaxDecisionReasks"/> (2). Must be zero or more.</value>
    public int MaxDecisionReasks { get; init; } = BatonDefaults.MaxDecisionReasks;

    /// <summary>Gets what happens when the supervisor reaches <see cref="MaxSteps"/>; the run ends with <see cref="RunStatus.StepLimitReached"/>.</summary>
    /// <value>The default is <see cref="Fallback.Fail"/>.</value>
    public Fallback OnStepLimit { get; init; } = Fallback.Fail;

    /// <summary>Gets what happens when a routing loop is detected; the run ends with <see cref="RunStatus.LoopDetected"/>.</summary>
    /// <value>The default is <see cref="Fallback.Fail"/>.</value>
    public Fallback OnLoopDetected { get; init; } = Fallback.Fail;

    /// <summary>
    /// Gets what happens when the supervisor gives no usable decision after its re-asks; the run ends with
    /// <see cref="RunStatus.Failed"/>.
    /// </summary>
    /// <value>The default is <see cref="Fallback.Fail"/>.</value>
    public Fallback OnInvalidDecision { get; init; } = Fallback.Fail;

    /// <summary>Gets whether routing loops end the run early (a cycle repeated with unchanged outputs).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool DetectLoops { get; init; } = true;

    /// <summary>Gets the longest routing cycle the loop detector looks for.</summary>
    /// <value>The default is <see cref="BatonDefaults.MaxLoopCycleLength"/> (3). Must be positive.</value>
    public int MaxLoopCycleLength { get; init; } = BatonDefaults.MaxLoopCycleLength;

    /// <summary>Gets how many characters of each specialist's output the supervisor sees in its summary of the completed steps.</summary>
    /// <value>The default is <see cref="BatonDefaults.MaxOutputPreviewChars"/> (400). Must be positive. Longer outputs are clipped and marked as such.</value>
    public int MaxOutputPreviewChars { get; init; } = BatonDefaults.MaxOutputPreviewChars;

    /// <summary>Gets the name of the supervisor's result output (the last specialist's result, copied when the supervisor answers DONE).</summary>
    /// <value>The default is <see langword="null"/>: the supervisor orchestration's name.</value>
    public string? ResultOutput { get; init; }

    /// <summary>
    /// Gets the output name under which <c>context_for_agent</c> is recorded before a specialist that is a nested
    /// orchestration runs (an agent specialist receives it as its turn's instructions instead).
    /// </summary>
    /// <value>The default is <see cref="BatonDefaults.SupervisorNoteOutput"/> (<c>supervisor_note</c>). Agents of the nested orchestration see it when they read it (or read every output).</value>
    public string NoteOutput { get; init; } = BatonDefaults.SupervisorNoteOutput;

    /// <summary>Gets one-line descriptions shown to the supervisor, by specialist name, overriding the agents' own.</summary>
    /// <value>The default is empty: an agent's <see cref="Agents.Agent.Description"/> (or the first line of its instructions).</value>
    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Returns a copy that shares nothing mutable with this instance (the descriptions are copied).</summary>
    internal SupervisorOptions Snapshot() =>
        Descriptions is ImmutableDictionary<string, string> ? this : this with { Descriptions = Descriptions?.ToImmutableDictionary(StringComparer.Ordinal)! };

    internal void CollectErrors(string supervisor, ICollection<string> errors)
    {
        var owner = $"Supervisor '{supervisor}': SupervisorOptions.";
        OptionsValidation.Positive(errors, owner, nameof(MaxSteps), MaxSteps);
        OptionsValidation.NotNegative(errors, owner, nameof(MaxDecisionReasks), MaxDecisionReasks);
        OptionsValidation.Positive(errors, owner, nameof(MaxLoopCycleLength), MaxLoopCycleLength);
        OptionsValidation.Positive(errors, owner, nameof(MaxOutputPreviewChars), MaxOutputPreviewChars);
        OptionsValidation.NotNull(errors, owner, nameof(OnStepLimit), OnStepLimit, "use Fallback.Fail for no fallback.");
        OptionsValidation.NotNull(errors, owner, nameof(OnLoopDetected), OnLoopDetected, "use Fallback.Fail for no fallback.");
        OptionsValidation.NotNull(errors, owner, nameof(OnInvalidDecision), OnInvalidDecision, "use Fallback.Fail for no fallback.");
        OptionsValidation.NotNull(errors, owner, nameof(Descriptions), Descriptions, "leave it empty for the agents' own descriptions.");
        if (string.IsNullOrWhiteSpace(NoteOutput))
        {
            errors.Add($"{owner}NoteOutput is empty; give it an output name such as '{BatonDefaults.SupervisorNoteOutput}'.");
        }

        if (ResultOutput is not null && string.IsNullOrWhiteSpace(ResultOutput))
        {
            errors.Add($"{owner}ResultOutput is empty; give it an output name, or null for the supervisor's name.");
        }
    }
}
