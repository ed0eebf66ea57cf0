using System.Diagnostics;

namespace Baton.Telemetry;

/// <summary>The spans of the current step (its handoff span and open call span). Its figures come from the run's <see cref="Journal.StepProjection"/>.</summary>
internal sealed class StepSpan
{
    public required int Step { get; init; }

    public required string Agent { get; init; }

    public string? Source { get; init; }

    public required DateTimeOffset Start { get; init; }

    public Activity? Activity { get; init; }

    public Activity? Call { get; set; }

    public bool HasContextTokens { get; set; }

    /// <summary>Gets or sets how many of the step's fallbacks the fallback metric has counted.</summary>
    public int CountedFallbacks { get; set; }
}
