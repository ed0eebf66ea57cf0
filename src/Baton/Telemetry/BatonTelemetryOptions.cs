using System.Diagnostics.Metrics;

namespace Baton.Telemetry;

/// <summary>Options for Baton's OpenTelemetry spans and metrics (<see cref="TelemetryRunObserver"/>).</summary>
public sealed class BatonTelemetryOptions
{
    /// <summary>
    /// Gets or sets whether message content (the task, the prompts agents receive, their replies and the payload of
    /// each handoff) is put on spans.
    /// </summary>
    /// <value>The default is <see langword="false"/>: spans carry sizes, token counts and digests, never content.</value>
    /// <remarks>
    /// Content may hold personal or confidential data; enable it only where the trace backend may store it.
    /// API keys never reach the journal, so they never reach spans either way.
    /// </remarks>
    public bool IncludeContent { get; set; }

    /// <summary>Gets or sets the factory the observer creates its meter with (dependency injection, test isolation).</summary>
    /// <value>The default is <see langword="null"/>: a meter named <see cref="BatonTelemetry.MeterName"/> shared by the process.</value>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Gets or sets how many hex characters of the SHA-256 payload digest are put on handoff spans.</summary>
    /// <value>The default is 16. Must be between 8 and 64.</value>
    public int DigestLength { get; set; } = 16;

    internal void Validate()
    {
        if (DigestLength is < 8 or > 64)
        {
            throw new ArgumentException(
                $"BatonTelemetryOptions.DigestLength is {DigestLength}; it must be between 8 and 64 hex characters.", nameof(DigestLength));
        }
    }
}
