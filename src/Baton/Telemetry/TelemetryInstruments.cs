using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Baton.Telemetry;

/// <summary>Baton's activity source and metric instruments.</summary>
internal sealed class TelemetryInstruments
{
    // One source and one default meter per process: listeners subscribe by name, and instruments created per
    // observer would be reported as duplicates.
    private static readonly ActivitySource s_source = new(BatonTelemetry.ActivitySourceName, BatonTelemetry.Version);
    private static readonly Lazy<TelemetryInstruments> s_shared = new(() => new TelemetryInstruments(new Meter(BatonTelemetry.MeterName, BatonTelemetry.Version)));

    private TelemetryInstruments(Meter meter)
    {
        Handoffs = meter.CreateCounter<long>(BatonTelemetry.HandoffsCounter, "{handoff}", "Handoffs from one agent to the next.");
        Retries = meter.CreateCounter<long>(BatonTelemetry.RetriesCounter, "{retry}", "Model calls retried by middleware, plus re-asks of a step.");
        Fallbacks = meter.CreateCounter<long>(BatonTelemetry.FallbacksCounter, "{fallback}", "Calls or outputs served by a fallback path.");
        ValidationFailures = meter.CreateCounter<long>(BatonTelemetry.ValidationFailuresCounter, "{failure}", "Agent outputs rejected by validation.");
        GuardStops = meter.CreateCounter<long>(BatonTelemetry.GuardStopsCounter, "{run}", "Runs stopped by a guard (step limit, rounds, loop, budget, deadline).");
        Runs = meter.CreateCounter<long>(BatonTelemetry.RunsCounter, "{run}", "Runs that ended, by status.");
        Tokens = meter.CreateCounter<long>(BatonTelemetry.TokensCounter, "{token}", "Tokens reported by the chat clients.");
        StepDuration = meter.CreateHistogram<double>(
            BatonTelemetry.StepDurationHistogram,
            "s",
            "Time from a handoff to the receiving agent's recorded output.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
    }

    public static ActivitySource Source => s_source;

    public Counter<long> Handoffs { get; }

    public Counter<long> Retries { get; }

    public Counter<long> Fallbacks { get; }

    public Counter<long> ValidationFailures { get; }

    public Counter<long> GuardStops { get; }

    public Counter<long> Runs { get; }

    public Counter<long> Tokens { get; }

    public Histogram<double> StepDuration { get; }

    public static TelemetryInstruments Create(IMeterFactory? factory) =>
        factory is null
            ? s_shared.Value
            : new TelemetryInstruments(factory.Create(new MeterOptions(BatonTelemetry.MeterName) { Version = BatonTelemetry.Version }));
}
