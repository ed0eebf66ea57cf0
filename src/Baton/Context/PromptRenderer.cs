using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Baton.Context;

/// <summary>
/// The one prompt layout every model call uses: Markdown sections <c>## Task</c>, <c>## Intent</c>,
/// <c>## Constraints</c>, <c>## Completed steps</c>, <c>## Input `name` (from agent, step n)</c>,
/// <c>## Instructions for this turn</c>, and last <c>## Your role</c>; agents, supervisors, summarizers and re-asks all
/// use these headings.
/// </summary>
/// <remarks>
/// The layout is stable so prompts hash the same from run to run (resume and replay compare request hashes). Sections
/// are separated by one blank line; every body line ends with a new line.
/// </remarks>
internal static class PromptRenderer
{
    public const string TaskHeading = "Task";
    public const string IntentHeading = "Intent";
    public const string ConstraintsHeading = "Constraints";
    public const string CompletedStepsHeading = "Completed steps";
    public const string InstructionsHeading = "Instructions for this turn";
    public const string RoleHeading = "Your role";

    /// <summary>Starts a section: a blank line after the previous one, then <c>## heading</c>.</summary>
    public static StringBuilder Section(StringBuilder sb, string heading)
    {
        if (sb.Length > 0)
        {
            sb.Append('\n');
        }

        return sb.Append("## ").Append(heading).Append('\n');
    }

    /// <summary>Writes the brief every prompt starts with: task, intent and constraints (never compressed away).</summary>
    public static void AppendBrief(StringBuilder sb, string task, string intent, ImmutableArray<string> constraints)
    {
        Section(sb, TaskHeading).Append(task).Append('\n');
        Section(sb, IntentHeading).Append(intent).Append('\n');
        Section(sb, ConstraintsHeading);
        if (constraints.IsDefaultOrEmpty)
        {
            sb.Append("None\n");
            return;
        }

        foreach (var c in constraints)
        {
            sb.Append("- ").Append(c).Append('\n');
        }
    }

    /// <summary>Writes the completed steps, one <c>n. who: what</c> line each.</summary>
    public static void AppendCompletedSteps(StringBuilder sb, ImmutableArray<CompletedStep> steps)
    {
        Section(sb, CompletedStepsHeading);
        if (steps.IsDefaultOrEmpty)
        {
            sb.Append("None yet\n");
            return;
        }

        foreach (var s in steps)
        {
            AppendStepLine(sb, s.Step, s.Agent, s.Summary);
        }
    }

    /// <summary>Writes one completed-step line.</summary>
    public static void AppendStepLine(StringBuilder sb, int step, string agent, string summary) =>
        sb.Append(step).Append(". ").Append(agent).Append(": ").Append(summary).Append('\n');

    /// <summary>Writes an input: its name and provenance, then its value as text.</summary>
    public static void AppendInput(StringBuilder sb, string name, string producedBy, int step, JsonElement value)
    {
        if (sb.Length > 0)
        {
            sb.Append('\n');
        }

        sb.Append("## Input `").Append(name).Append("` (from ").Append(producedBy).Append(", step ").Append(step).Append(")\n");
        JsonText.Append(sb, value);
        sb.Append('\n');
    }

    /// <summary>Writes the instructions for this turn, when there are any.</summary>
    public static void AppendInstructions(StringBuilder sb, string? note)
    {
        if (!string.IsNullOrWhiteSpace(note))
        {
            Section(sb, InstructionsHeading).Append(note).Append('\n');
        }
    }

    /// <summary>Writes the role line that ends every prompt (scripted and rehearsal clients read the role from it).</summary>
    public static void AppendRole(StringBuilder sb, string role) => Section(sb, RoleHeading).Append(role).Append('\n');

    /// <summary>Gets the messages of a call: the agent's instructions as the system message (when it has any), then the prompt.</summary>
    public static List<ChatMessage> Messages(string instructions, string prompt)
    {
        var messages = new List<ChatMessage>(2);
        if (instructions.Length > 0)
        {
            messages.Add(new ChatMessage(ChatRole.System, instructions));
        }

        messages.Add(new ChatMessage(ChatRole.User, prompt));
        return messages;
    }

    /// <summary>Writes the re-ask after an unusable reply: what was wrong, how to fix it, and the role line.</summary>
    public static ChatMessage Reask(string problem, string fix, int attempt, int attempts, string role)
    {
        var sb = new StringBuilder(problem.Length + fix.Length + 128);
        sb.Append("Your previous reply could not be used (attempt ").Append(attempt).Append(" of ").Append(attempts).Append("):\n")
          .Append(problem).Append('\n');
        if (fix.Length > 0)
        {
            sb.Append(fix).Append('\n');
        }

        AppendRole(sb, role);
        return new ChatMessage(ChatRole.User, sb.ToString());
    }
}
