namespace Baton.Orchestration.Runtime;

/// <summary>A replay reached the end of its recording while the orchestration still had work to do (a call, an event).</summary>
/// <remarks>Internal control flow of <see cref="HandoffRunner.ReplayAsync(Orchestration, IReadOnlyList{Journal.JournalEvent}, CancellationToken)"/>:
/// where the recorded run was cancelled or interrupted, this is where it stopped.</remarks>
internal sealed class ReplayExhaustedException : Exception
{
    public ReplayExhaustedException()
        : base("The replay reached the end of its recording.")
    {
    }

    public ReplayExhaustedException(string message)
        : base(message)
    {
    }

    public ReplayExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
