using System.Text.Json;

namespace Baton.Agents;

/// <summary>
/// What produces an agent's output when the agent cannot: another agent, or a fixed answer. Used after the agent's
/// call fails (after any middleware retries) or its re-asks are spent without a valid output.
/// </summary>
/// <remarks>
/// The fallback's output must satisfy the primary agent's contract too; an invalid fallback output is never recorded.
/// The journal writes a <see cref="Journal.FallbackUsed"/> event and the output's <c>Via</c> names the fallback.
/// Caller cancellation and run deadlines never route to a fallback.
/// </remarks>
public sealed class AgentFallback
{
    private AgentFallback(string via, Agent? agent, JsonElement? answer)
    {
        Via = via;
        Agent = agent;
        Answer = answer;
    }

    /// <summary>Gets the name of this path in the journal (<c>fallback:agent:{name}</c> or <c>fallback:fixed</c>).</summary>
    public string Via { get; }

    /// <summary>Gets the agent that takes over, for an agent fallback.</summary>
    public Agent? Agent { get; }

    /// <summary>Gets the fixed answer, for a fixed-answer fallback.</summary>
    public JsonElement? Answer { get; }

    /// <summary>Creates a fallback that hands the step to another agent (its own fallback is not used, so fallbacks never chain).</summary>
    /// <param name="agent">The agent that takes over. It sees the same view as the primary.</param>
    /// <returns>The fallback.</returns>
    public static AgentFallback ToAgent(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new AgentFallback($"fallback:agent:{agent.Name}", agent, null);
    }

    /// <summary>Creates a fallback that records a fixed JSON value.</summary>
    /// <param name="answer">The value to record.</param>
    /// <returns>The fallback.</returns>
    public static AgentFallback FixedAnswer(JsonElement answer) => new("fallback:fixed", null, answer.Clone());

    /// <summary>Creates a fallback that records a fixed text.</summary>
    /// <param name="text">The text to record.</param>
    /// <returns>The fallback.</returns>
    public static AgentFallback FixedAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AgentFallback("fallback:fixed", null, JsonSerializer.SerializeToElement(text, BatonJsonContext.Default.String));
    }
}
