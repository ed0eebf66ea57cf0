namespace Baton.Journal;

/// <summary>An agent's model call threw (after any retries its middleware made).</summary>
public sealed record AgentFailed : JournalEvent
{
    /// <summary>Gets the attempt number within the step.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets the exception type name.</summary>
    public required string ErrorType { get; init; }

    /// <summary>Gets the exception message.</summary>
    public required string Message { get; init; }

    /// <summary>Gets how long the call ran before it failed, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>
    /// Gets how many times middleware retried the call before giving up, when it said so (an
    /// <see cref="Exception.Data"/> entry <c>baton.retries</c> on the exception, see <c>BatonChatResponseProperties.Retries</c>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int Retries { get; init; }
}
