using System.Text.Json;

namespace Baton.Orchestration;

/// <summary>What <see cref="AgentTurnRunner"/> produced: a valid value and the path that produced it, or why the step stops.</summary>
internal sealed record TurnOutcome(StepOutcome Outcome, string? Text, JsonElement? Value, string Via)
{
    /// <summary>Gets the attempt number the next call in the step would have.</summary>
    public int NextAttempt { get; init; }

    public static TurnOutcome Fail(string reason, string? text) => new(StepOutcome.Stop(RunStatus.Failed, reason), text, null, "primary");
}
