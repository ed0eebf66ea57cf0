using Baton.Agents;
using System.Text.Json.Serialization;

namespace Baton.Journal;

/// <summary>An agent's model call returned. Recorded before anything uses the answer, so a resumed run replays it.</summary>
public sealed record AgentAnswered : JournalEvent
{
    /// <summary>Gets the attempt number within the step.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets the reply text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the input tokens, when the chat client reported usage.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the output tokens, when the chat client reported usage.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets how long the call took, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Gets the model that answered, when the chat client said.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the reason the model stopped, when the chat client said.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets which path served the call (<see cref="OutputVia.Primary"/>, or a fallback named by resilience middleware).</summary>
    public OutputVia ServedBy { get; init; } = OutputVia.Primary;

    /// <summary>
    /// Gets how the path that served the call enforced the requested JSON schema, when that path is not the one
    /// <see cref="AgentCalled.StructuredOutput"/> describes: a fallback model (see <see cref="ServedBy"/>) of another
    /// provider. Read from <see cref="Orchestration.BatonChatResponseProperties.StructuredOutput"/>.
    /// </summary>
    /// <value><see langword="null"/> when the call was served the way <see cref="AgentCalled.StructuredOutput"/> says.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StructuredOutputMechanism? StructuredOutput { get; init; }

    /// <summary>Gets whether the model stopped at its output-token limit (finish reason <c>length</c>): the reply is cut.</summary>
    /// <remarks>A cut reply is never used where JSON is expected (outputs, contracts, decisions, JSON verdicts): it is re-asked.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Truncated { get; init; }

    /// <summary>Gets how many times middleware retried the call before this answer.</summary>
    public int Retries { get; init; }
}
