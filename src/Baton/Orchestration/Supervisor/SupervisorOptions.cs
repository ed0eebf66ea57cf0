using Baton.Guards;

namespace Baton.Orchestration.Supervisor;

/// <summary>Options for a <see cref="SupervisorOrchestration"/>: its guards, fallbacks and prompt sizes.</summary>
/// <remarks>Validated once, when the supervisor is built; every problem is reported in one message.</remarks>
public sealed class SupervisorOptions
{
    /// <summary>Gets or sets the number of times the supervisor may route to a specialist before its step limit stops it.</summary>
    /// <value>The default is 5. Must be positive. Supervisor calls and re-asks do not count; the run-wide <see cref="RunLimits.MaxSteps"/> still applies to every call.</value>
    public int MaxSteps { get; set; } = 5;

    /// <summary>Gets or sets how many times the supervisor is re-asked after an unusable decision, told what was wrong.</summary>
    /// <value>The default is 2. Must be zero or more.</value>
    public int MaxDecisionReasks { get; set; } = 2;

    /// <summary>Gets or sets what happens when the supervisor reaches <see cref="MaxSteps"/>; the run ends with <see cref="RunStatus.StepLimitReached"/>.</summary>
    /// <value>The default is <see cref="GuardFallback.Fail"/>.</value>
    public GuardFallback OnStepLimit { get; set; } = GuardFallback.Fail;

    /// <summary>Gets or sets what happens when a routing loop is detected; the run ends with <see cref="RunStatus.LoopDetected"/>.</summary>
    /// <value>The default is <see cref="GuardFallback.Fail"/>.</value>
    public GuardFallback OnLoopDetected { get; set; } = GuardFallback.Fail;

    /// <summary>
    /// Gets or sets what happens when the supervisor gives no usable decision after its re-asks; the run ends with
    /// <see cref="RunStatus.Failed"/>.
    /// </summary>
    /// <value>The default is <see cref="GuardFallback.Fail"/>.</value>
    public GuardFallback OnInvalidDecision { get; set; } = GuardFallback.Fail;

    /// <summary>Gets or sets whether routing loops end the run early (see <see cref="LoopDetector"/>).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool DetectLoops { get; set; } = true;

    /// <summary>Gets or sets the longest routing cycle the loop detector looks for.</summary>
    /// <value>The default is 3. Must be positive.</value>
    public int MaxLoopCycleLength { get; set; } = LoopDetector.DefaultMaxCycleLength;

    /// <summary>Gets or sets how many characters of each specialist's output the supervisor sees in its summary of the steps so far.</summary>
    /// <value>The default is 400. Must be positive. Longer outputs are clipped and marked as such.</value>
    public int MaxOutputPreviewChars { get; set; } = 400;

    /// <summary>Gets or sets the name of the supervisor's result output (the last specialist's result, copied when the supervisor answers DONE).</summary>
    /// <value>The default is <see langword="null"/>: the supervisor orchestration's name.</value>
    public string? ResultOutput { get; set; }

    /// <summary>
    /// Gets or sets the output name under which <c>context_for_agent</c> is recorded before a specialist that is a
    /// nested orchestration runs (an agent specialist receives it as its turn's instructions instead).
    /// </summary>
    /// <value>The default is <c>supervisor_note</c>. Agents of the nested orchestration see it when they read it (or read every output).</value>
    public string NoteOutput { get; set; } = "supervisor_note";

    /// <summary>Gets or sets one-line descriptions shown to the supervisor, by specialist name, overriding the agents' own.</summary>
    /// <value>The default is empty: an agent's <see cref="Agents.Agent.Description"/> (or the first line of its instructions).</value>
    public IReadOnlyDictionary<string, string> Descriptions { get; set; } = new Dictionary<string, string>();

    internal void CollectErrors(string supervisor, ICollection<string> errors)
    {
        if (MaxSteps <= 0)
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.MaxSteps is {MaxSteps}; it must be positive.");
        }

        if (MaxDecisionReasks < 0)
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.MaxDecisionReasks is {MaxDecisionReasks}; it must be zero or more.");
        }

        if (MaxLoopCycleLength <= 0)
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.MaxLoopCycleLength is {MaxLoopCycleLength}; it must be positive.");
        }

        if (MaxOutputPreviewChars <= 0)
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.MaxOutputPreviewChars is {MaxOutputPreviewChars}; it must be positive.");
        }

        if (OnStepLimit is null || OnLoopDetected is null || OnInvalidDecision is null)
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.OnStepLimit, OnLoopDetected and OnInvalidDecision must not be null; use GuardFallback.Fail for no fallback.");
        }

        if (string.IsNullOrWhiteSpace(NoteOutput))
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.NoteOutput is empty; give it an output name such as 'supervisor_note'.");
        }

        if (ResultOutput is not null && string.IsNullOrWhiteSpace(ResultOutput))
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.ResultOutput is empty; give it an output name, or null for the supervisor's name.");
        }

        if (Descriptions is null)
        {
            errors.Add($"Supervisor '{supervisor}': SupervisorOptions.Descriptions must not be null; leave it empty for the agents' own descriptions.");
        }
    }
}
