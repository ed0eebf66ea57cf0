using System.Text.Json;

namespace Baton.Orchestration;

/// <summary>The result of one agent turn: its outcome and, when the reply was accepted, its value.</summary>
public sealed record AgentTurnResult
{
    /// <summary>Gets the outcome: completed, or why the run must stop.</summary>
    public required StepOutcome Outcome { get; init; }

    /// <summary>Gets the step number of the turn (0 when a guard stopped the run before the turn began).</summary>
    public int Step { get; init; }

    /// <summary>Gets the accepted reply's text (or a fixed fallback answer's), when there is one.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the parsed output value, when the reply was accepted.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>Gets the name the output was recorded under, when it was recorded.</summary>
    public string? OutputName { get; init; }

    /// <summary>Gets which path produced the value: the agent's model, or a fallback.</summary>
    public OutputVia Via { get; init; }

    /// <summary>Gets what the turn's reader made of the reply (a supervisor's decision, a reviewer's verdict), when it read one.</summary>
    internal object? Parsed { get; init; }

    /// <summary>Gets the attempt number the next call in the step would have.</summary>
    internal int NextAttempt { get; init; }

    /// <summary>Gets whether the turn failed because every reply was unusable (not because a call failed).</summary>
    internal bool RepliesUnusable { get; init; }
}
