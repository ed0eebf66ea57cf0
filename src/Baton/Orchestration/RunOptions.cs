using Baton.Guards;

namespace Baton.Orchestration;

/// <summary>Options for one run.</summary>
public sealed record RunOptions
{
    /// <summary>Gets the run id to use.</summary>
    /// <value>The default is <see langword="null"/>: the runner's <see cref="HandoffRunnerOptions.RunIdFactory"/> makes one.</value>
    public string? RunId { get; init; }

    /// <summary>Gets the limits for this run.</summary>
    /// <value>The default is <see langword="null"/>: the runner's <see cref="HandoffRunnerOptions.Limits"/>.</value>
    public RunLimits? Limits { get; init; }
}
