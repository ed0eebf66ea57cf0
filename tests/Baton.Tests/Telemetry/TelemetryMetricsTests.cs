using Baton.Context;
using Baton.Guards;
using Baton.Orchestration;
using Baton.Telemetry;

namespace Baton.Tests.Telemetry;

public class TelemetryMetricsTests
{
    [Fact]
    public async Task RunAsync_ThreeAgents_CountsHandoffsTokensAndStepLatency()
    {
        using var metrics = new MetricRecorder();
        var (pipeline, _) = TestAgents.Chain("research", "writer", "editor");

        var result = await TelemetryRunObserverTests.RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry(o => o.MeterFactory = metrics));

        Assert.Equal(3, metrics.Sum(BatonTelemetry.HandoffsCounter));
        Assert.Equal(1, metrics.Sum(BatonTelemetry.HandoffsCounter, ("baton.handoff.source", "research"), ("baton.handoff.target", "writer")));
        Assert.Equal(result.InputTokens, metrics.Sum(BatonTelemetry.TokensCounter, ("gen_ai.token.type", "input")));
        Assert.Equal(result.OutputTokens, metrics.Sum(BatonTelemetry.TokensCounter, ("gen_ai.token.type", "output")));
        Assert.Equal(3, metrics.Count(BatonTelemetry.StepDurationHistogram, ("baton.validation.outcome", "accepted")));
        Assert.Equal(1, metrics.Sum(BatonTelemetry.RunsCounter, ("baton.run.status", "Completed")));
        Assert.Equal(0, metrics.Count(BatonTelemetry.GuardStopsCounter));
    }

    [Fact]
    public async Task RunAsync_StepLimitReached_CountsAGuardStopByStatus()
    {
        using var metrics = new MetricRecorder();
        var (pipeline, _) = TestAgents.Chain("a", "b", "c");
        var options = new HandoffRunnerOptions { Limits = new RunLimits { MaxSteps = 1 } }.AddBatonTelemetry(o => o.MeterFactory = metrics);

        var result = await TelemetryRunObserverTests.RunAsync(pipeline, HandoffContext.Create("the task"), options);

        Assert.Equal(RunStatus.StepLimitReached, result.Status);
        Assert.Equal(1, metrics.Sum(BatonTelemetry.GuardStopsCounter, ("baton.run.status", "StepLimitReached")));
        Assert.Equal(1, metrics.Sum(BatonTelemetry.HandoffsCounter));
    }

    [Fact]
    public async Task RunAsync_ObserverWithOwnMeterFactory_IsNotSeenByAnotherRecorder()
    {
        using var mine = new MetricRecorder();
        using var other = new MetricRecorder();
        var (pipeline, _) = TestAgents.Chain("a");

        await TelemetryRunObserverTests.RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry(o => o.MeterFactory = mine));

        Assert.Equal(1, mine.Sum(BatonTelemetry.HandoffsCounter));
        Assert.Equal(0, other.Count(BatonTelemetry.HandoffsCounter));
    }
}
