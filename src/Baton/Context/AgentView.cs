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
        sb.Append("## Task\n").Append(OriginalTask).Append("\n\n");
        sb.Append("## Intent\n").Append(Intent).Append("\n\n");
        sb.Append("## Constraints\n");
        if (Constraints.IsDefaultOrEmpty)
        {
            sb.Append("None\n");
        }
        else
        {
            foreach (var c in Constraints)
            {
                sb.Append("- ").Append(c).Append('\n');
            }
        }

        sb.Append("\n## Completed steps\n");
        if (CompletedSteps.IsDefaultOrEmpty)
        {
            sb.Append("None yet\n");
        }
        else
        {
            foreach (var s in CompletedSteps)
            {
                sb.Append(s.Step).Append(". ").Append(s.Agent).Append(": ").Append(s.Summary).Append('\n');
            }
        }

        foreach (var output in Outputs)
        {
            sb.Append("\n## Input `").Append(output.Name).Append("` (from ").Append(output.ProducedBy)
              .Append(", step ").Append(output.Step).Append(")\n");
            JsonText.Append(sb, output.Value);
            sb.Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(Note))
        {
            sb.Append("\n## Instructions for this turn\n").Append(Note).Append('\n');
        }

        sb.Append("\n## Your role\n").Append(Role).Append('\n');
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
