namespace Baton.Orchestration.Supervisor;

/// <summary>A supervisor's parsed routing decision.</summary>
/// <param name="NextAgent">The chosen agent, spelled as declared, or <see cref="Done"/>.</param>
/// <param name="ContextForAgent">What the chosen agent must know or do this turn (may be empty).</param>
/// <param name="Reasoning">Why the supervisor chose it.</param>
internal sealed record SupervisorDecision(string NextAgent, string ContextForAgent, string Reasoning)
{
    /// <summary>The reserved name a supervisor answers to finish (matched case-insensitively).</summary>
    public const string Done = "DONE";

    /// <summary>Gets whether the supervisor finished.</summary>
    public bool IsDone => NextAgent == Done;
}
