using System.Text.Json.Serialization;

namespace Baton.Providers;

/// <summary>The supervisor decision <see cref="RehearsalChatClient"/> answers with.</summary>
internal sealed class RehearsalDecision
{
    [JsonPropertyName("next_agent")]
    public required string NextAgent { get; init; }

    [JsonPropertyName("context_for_agent")]
    public required string ContextForAgent { get; init; }

    [JsonPropertyName("reasoning")]
    public required string Reasoning { get; init; }
}
