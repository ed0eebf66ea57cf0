namespace Baton.Specs;

/// <summary>
/// An approval gate on an agent (<c>approve: true</c>, or <c>approve: { by: lead, max_rounds: 3 }</c>): a person approves
/// the agent's output before it is handed on, or rejects it with feedback and the agent revises it, bounded by the
/// round limit.
/// </summary>
/// <remarks>
/// Compiles to a review loop named after the agent, with the agent as the writer and the person as the reviewer.
/// With no <see cref="By"/>, the person is an agent named <c>&lt;agent&gt;_approval</c> that asks
/// <see cref="DefaultQuestion"/> and waits until answered.
/// </remarks>
public sealed record ApprovalSpec
{
    /// <summary>Gets where <c>approve:</c> is written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Gets the person (an agent with a <c>human:</c> block) who approves, if the spec names one.</summary>
    public NamedReference? By { get; init; }

    /// <summary>Gets the most rounds (drafts) before the run ends <c>RoundLimitReached</c> with the last draft, if the spec sets it.</summary>
    public int? MaxRounds { get; init; }

    /// <summary>Gets the name of the person who approves when the spec names none: the agent's name and <c>_approval</c>.</summary>
    /// <param name="agent">The gated agent's name.</param>
    /// <returns>The name.</returns>
    public static string DefaultApprover(string agent) => agent + "_approval";

    /// <summary>Gets the question the default approver is asked.</summary>
    /// <param name="agent">The gated agent's name.</param>
    /// <param name="output">The output it writes.</param>
    /// <returns>The question.</returns>
    public static string DefaultQuestion(string agent, string output) =>
        $"Approve '{output}' (written by {agent}) before it is handed on, or reject it with the changes required.";
}
