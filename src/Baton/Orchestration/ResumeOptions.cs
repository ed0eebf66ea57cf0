using Baton.Guards;

namespace Baton.Orchestration;

/// <summary>How <see cref="HandoffRunner.ResumeAsync(Orchestration, string, ResumeOptions?, CancellationToken)"/> continues a run.</summary>
public sealed record ResumeOptions
{
    /// <summary>
    /// Gets whether a run that failed or was stopped by a guard is retried. The retry keeps every recorded result and
    /// re-runs what came after the last one (the failed step, the guard's decision) live; the superseded events stay
    /// in the journal (<see cref="Journal.RunResumed.RetriedFrom"/>) but no longer count.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: only interrupted and cancelled runs continue (<see cref="Journal.RunState.IsResumable"/>);
    /// other ended runs are returned as they are. A completed run is never retried.
    /// </value>
    public bool RetryEnded { get; init; }

    /// <summary>Gets the limits the run is held to from the resume on (recorded on <see cref="Journal.RunResumed.Limits"/>).</summary>
    /// <value>The default is <see langword="null"/>: the limits the run started with. The deadline is measured from the resume either way.</value>
    public RunLimits? Limits { get; init; }
}
