namespace Baton.Journal;

/// <summary>An agent's step was handed to its fallback (another agent or a fixed answer) after the agent failed or kept breaking its contract.</summary>
public sealed record FallbackUsed : JournalEvent
{
    /// <summary>Gets the fallback's path name, as later written in <see cref="OutputRecorded.Via"/> (for example <c>fallback:agent:backup</c>).</summary>
    public required OutputVia Via { get; init; }

    /// <summary>Gets why the fallback was used.</summary>
    public required string Reason { get; init; }
}
