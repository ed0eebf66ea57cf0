namespace Baton.Orchestration;

/// <summary>
/// What <see cref="HandoffRunner.ReplayAsync(Orchestration, IReadOnlyList{Journal.JournalEvent}, CancellationToken)"/>
/// found: whether re-executing the orchestration against a recorded journal, without calling a model, reproduced it.
/// </summary>
public sealed class ReplayResult
{
    private ReplayResult(bool matched, RunResult recorded, RunResult? replayed, string? divergence)
    {
        Matched = matched;
        Recorded = recorded;
        Replayed = replayed;
        Divergence = divergence;
    }

    /// <summary>Gets whether the replay reproduced the journal: every recorded event in order, the same status and final output.</summary>
    public bool Matched { get; }

    /// <summary>Gets where and how the replay diverged from the journal, when it did.</summary>
    public string? Divergence { get; }

    /// <summary>Gets the recorded run's result, read from its journal.</summary>
    public RunResult Recorded { get; }

    /// <summary>Gets the replayed run's result (kept in memory only), when the replay got far enough to have one.</summary>
    public RunResult? Replayed { get; }

    /// <summary>Gets the status of the replay: the replayed run's, or the recorded one's when it diverged before it could end.</summary>
    public RunStatus Status => Replayed?.Status is { } status && status != RunStatus.Running ? status : Recorded.Status;

    /// <inheritdoc />
    public override string ToString() => Matched ? $"Replay of {Recorded.RunId} matched: {Status}" : $"Replay of {Recorded.RunId} diverged: {Divergence}";

    internal static ReplayResult Match(RunResult recorded, RunResult replayed) => new(true, recorded, replayed, null);

    internal static ReplayResult Diverged(RunResult recorded, RunResult? replayed, string divergence) => new(false, recorded, replayed, divergence);
}
