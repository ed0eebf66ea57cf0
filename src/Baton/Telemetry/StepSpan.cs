using System.Diagnostics;

namespace Baton.Telemetry;

/// <summary>What a run's telemetry tracks about the current step: its handoff span and its counts.</summary>
internal sealed class StepSpan
{
    public required int Step { get; init; }

    public required string Agent { get; init; }

    public string? Source { get; init; }

    public required DateTimeOffset Start { get; init; }

    public Activity? Activity { get; init; }

    public Activity? Call { get; set; }

    public int Retries { get; set; }

    public int Fallbacks { get; set; }

    public int ValidationFailures { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public bool HasOutput { get; set; }

    public bool Failed { get; set; }

    public bool FallbackUsed { get; set; }

    public bool HasContextTokens { get; set; }

    public OutputVia LastServedBy { get; set; } = OutputVia.Primary;

    public string ValidationOutcome => (HasOutput, ValidationFailures > 0) switch
    {
        (true, false) => "accepted",
        (true, true) => "repaired",
        (false, true) => "rejected",
        (false, false) => "none",
    };
}
