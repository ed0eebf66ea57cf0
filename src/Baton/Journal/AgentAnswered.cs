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

    /// <summary>Gets whether the model stopped at its output-token limit (finish reason <c>length</c>): the reply is cut.</summary>
    /// <remarks>A cut reply is never used where JSON is expected (outputs, contracts, decisions, JSON verdicts): it is re-asked.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Truncated { get; init; }

    /// <summary>Gets how many times middleware retried the call before this answer.</summary>
    public int Retries { get; init; }
}
