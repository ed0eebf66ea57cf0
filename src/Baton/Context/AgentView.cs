using System.Collections.Immutable;
using System.Text;
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
        var sb = new StringBuilder(256);
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
            sb.Append(output.Value.ValueKind == JsonValueKind.String
                ? output.Value.GetString()
                : output.Value.GetRawText());
            sb.Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(Note))
        {
            sb.Append("\n## Instructions for this turn\n").Append(Note).Append('\n');
        }

        sb.Append("\n## Your role\n").Append(Role).Append('\n');
        return sb.ToString();
    }
}
