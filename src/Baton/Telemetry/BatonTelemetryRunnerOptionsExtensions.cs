using Baton.Orchestration;
using Baton.Telemetry;

namespace Baton;

/// <summary>Adds Baton's OpenTelemetry spans and metrics to a <see cref="HandoffRunner"/>.</summary>
public static class BatonTelemetryRunnerOptionsExtensions
{
    /// <summary>
    /// Adds a <see cref="TelemetryRunObserver"/> to the runner's observers: every run then emits spans on the
    /// <see cref="BatonTelemetry.ActivitySourceName"/> source and metrics on the <see cref="BatonTelemetry.MeterName"/> meter.
    /// </summary>
    /// <param name="options">The runner options.</param>
    /// <param name="configure">Configures the telemetry options, if given (for example to enable message content).</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="Orchestration.OrchestrationConfigurationException">The configured telemetry options are not valid.</exception>
    public static HandoffRunnerOptions AddBatonTelemetry(this HandoffRunnerOptions options, Action<BatonTelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var telemetry = new BatonTelemetryOptions();
        configure?.Invoke(telemetry);
        options.Observers.Add(new TelemetryRunObserver(telemetry));
        return options;
    }
}
