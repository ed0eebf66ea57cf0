using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Baton.Context;

/// <summary>
/// What one receiving agent sees of a <see cref="HandoffContext"/>: the task, intent and constraints (always),
/// the completed steps, the outputs it reads, and an optional note for this turn.
/// </summary>
/// <remarks>Built by <see cref="HandoffContext.ForAgent(string, IEnumerable{string}?, string?)"/>. Immutable.</remarks>
public sealed record AgentView
{
    /// <summary>Gets the receiving agent's name or role.</summary>
    public required string Role { get; init; }

    /// <summary>Gets the task exactly as the user asked it.</summary>
    public required string OriginalTask { get; init; }

    /// <summary>Gets the one-line intent.</summary>
    public required string Intent { get; init; }

    /// <summary>Gets the constraints every agent must respect.</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets the steps completed before this turn.</summary>
    public ImmutableArray<CompletedStep> CompletedSteps { get; init; } = [];

    /// <summary>Gets the outputs this agent reads, oldest first.</summary>
    public ImmutableArray<HandoffOutput> Outputs { get; init; } = [];

    /// <summary>Gets a note for this turn only (a supervisor's instructions, a reviewer's feedback), if any.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Renders the view as the user message the agent receives. The layout is stable so prompts hash the same
    /// from run to run.
    /// </summary>
    /// <returns>The prompt text.</returns>
    public string ToPrompt()
    {
        var sb = PooledStringBuilder.Acquire(EstimateLength());
        PromptRenderer.AppendBrief(sb, OriginalTask, Intent, Constraints);
        PromptRenderer.AppendCompletedSteps(sb, CompletedSteps);
        foreach (var output in Outputs)
        {
            PromptRenderer.AppendInput(sb, output.Name, output.ProducedBy, output.Step, output.Value);
        }

        PromptRenderer.AppendInstructions(sb, Note);
        PromptRenderer.AppendRole(sb, Role);
        return PooledStringBuilder.ToStringAndRelease(sb);
    }

    // A close upper bound, so the builder grows at most once.
    private int EstimateLength()
    {
        var length = 160 + OriginalTask.Length + Intent.Length + Role.Length + (Note?.Length ?? 0);
        foreach (var c in Constraints.IsDefault ? [] : Constraints)
        {
            length += c.Length + 3;
        }

        foreach (var s in CompletedSteps.IsDefault ? [] : CompletedSteps)
        {
            length += (s.Agent?.Length ?? 0) + (s.Summary?.Length ?? 0) + 16;
        }

        foreach (var output in Outputs.IsDefault ? [] : Outputs)
        {
            length += output.Name.Length + output.ProducedBy.Length + 32 + JsonMarshal.GetRawUtf8Value(output.Value).Length;
        }

        return length;
    }
}
