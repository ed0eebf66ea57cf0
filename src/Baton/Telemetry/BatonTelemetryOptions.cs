using System.Diagnostics.Metrics;

namespace Baton.Telemetry;

/// <summary>Options for Baton's OpenTelemetry spans and metrics (<see cref="TelemetryRunObserver"/>).</summary>
/// <remarks>Validated and copied when the observer is built (every problem in one <see cref="Orchestration.OrchestrationConfigurationException"/>).</remarks>
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
    /// <value>The default is <see cref="BatonDefaults.TelemetryDigestLength"/> (16). Must be between 8 and 64.</value>
    public int DigestLength { get; set; } = BatonDefaults.TelemetryDigestLength;

    /// <summary>Validates the options and copies what the observer reads while runs execute.</summary>
    internal TelemetrySettings Snapshot()
    {
        var errors = new List<string>();
        OptionsValidation.InRange(errors, "BatonTelemetryOptions.", nameof(DigestLength), DigestLength, 8, 64);
        OptionsValidation.ThrowIfInvalid(nameof(BatonTelemetryOptions), errors);
        return new TelemetrySettings(IncludeContent, DigestLength);
    }
}
