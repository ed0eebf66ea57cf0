namespace Baton.Orchestration;

/// <summary>
/// Keys that chat-client middleware sets in <see cref="Microsoft.Extensions.AI.ChatResponse.AdditionalProperties"/>
/// so the journal can say how a call was served.
/// </summary>
public static class BatonChatResponseProperties
{
    /// <summary>The key for the name of the path that served the call (a string; <c>primary</c> when absent).</summary>
    public const string ServedBy = "baton.served_by";

    /// <summary>
    /// The key for the number of retries made before the answer (an <see cref="int"/>). Middleware that gives up may
    /// put the same key in the exception's <see cref="Exception.Data"/>; the journal records it on the failed call.
    /// </summary>
    public const string Retries = "baton.retries";

    /// <summary>
    /// The key for how the path that served the call enforced the requested JSON schema (a
    /// <see cref="Agents.StructuredOutputMechanism"/>), set by middleware that served the call through another client
    /// than the one <c>GetService(typeof(ModelCapabilities))</c> describes (<see cref="Resilience.FallbackChatClient"/>);
    /// the journal records it on the answer (<see cref="Journal.AgentAnswered.StructuredOutput"/>).
    /// </summary>
    public const string StructuredOutput = "baton.structured_output";
}
