using System.Text.Json;

namespace Baton.Orchestration;

/// <summary>The result of one agent turn.</summary>
public sealed record AgentTurnResult
{
    /// <summary>Gets the outcome: completed, or why the run must stop.</summary>
    public required StepOutcome Outcome { get; init; }

    /// <summary>Gets the step number of the turn (0 when a guard stopped the run before the turn began).</summary>
    public int Step { get; init; }

    /// <summary>Gets the agent's reply text, when it answered.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the parsed output value, when the reply was accepted.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>Gets the name the output was recorded under, when it was recorded.</summary>
    public string? OutputName { get; init; }
}
