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
}
