namespace Baton.Agents;

/// <summary>How an agent's reply becomes its recorded output.</summary>
public enum AgentOutputFormat
{
    /// <summary>The reply text, trimmed, is recorded as a JSON string.</summary>
    Text = 0,

    /// <summary>
    /// The reply must hold one JSON value: the whole reply, or the first fenced <c>```json</c> block, or the
    /// outermost object or array in it. Prose around it (an agent's scratchpad) is not forwarded.
    /// </summary>
    Json = 1,
}
