using System.Diagnostics;
using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Orchestration;
using Baton.Telemetry;
using Baton.Testing;
using Baton.Validation;

namespace Baton.Tests.Telemetry;

public class TelemetryValidationTests
{
    private static readonly OutputContract s_contract = OutputContract.FromSchema(
        JsonDocument.Parse("""{ "type": "object", "required": ["facts"], "properties": { "facts": { "type": "array" } } }""").RootElement,
        "facts");

    [Fact]
    public async Task RunAsync_InvalidThenValidReply_HandoffIsRepairedWithARetryAndAValidationFailure()
    {
        using var spans = new SpanCollector();
        using var metrics = new MetricRecorder();
        var client = new ScriptedChatClient("""{"wrong": 1}""", """{"facts": ["f1"]}""");
        var pipeline = Pipeline.Sequential("validated", new Agent("researcher", client) { Contract = s_contract });

        var result = await TelemetryRunObserverTests.RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry(o => o.MeterFactory = metrics));

        Assert.Equal(RunStatus.Completed, result.Status);
        var trace = spans.Trace(result.RunId);
        var handoff = trace.Single(a => a.OperationName == "handoff researcher");
        Assert.Equal("repaired", handoff.GetTagItem("baton.validation.outcome"));
        Assert.Equal(1, handoff.GetTagItem("baton.handoff.validation_failures"));
        Assert.Equal(1, handoff.GetTagItem("baton.handoff.retries"));
        var failed = Assert.Single(handoff.Events, e => e.Name == "validation_failed");
        Assert.Equal("reask", failed.Tags.Single(t => t.Key == "baton.validation.next").Value);
        var calls = trace.Where(a => a.OperationName == "invoke_agent researcher").OrderBy(a => a.GetTagItem("baton.attempt")).ToList();
        Assert.Equal([1, 2], calls.Select(c => (int)c.GetTagItem("baton.attempt")!));
        Assert.All(calls, c => Assert.Equal(handoff.SpanId, c.ParentSpanId));
        Assert.Equal(1, metrics.Sum(BatonTelemetry.ValidationFailuresCounter, ("gen_ai.agent.name", "researcher")));
        Assert.Equal(1, metrics.Sum(BatonTelemetry.RetriesCounter));
        Assert.Equal(1, metrics.Count(BatonTelemetry.StepDurationHistogram, ("baton.validation.outcome", "repaired")));
    }

    [Fact]
    public async Task RunAsync_AlwaysInvalid_HandoffIsRejectedAndAnError()
    {
        using var spans = new SpanCollector();
        var client = new ScriptedChatClient("""{"wrong": 1}""");
        var pipeline = Pipeline.Sequential("validated", new Agent("researcher", client) { Contract = s_contract, MaxReasks = 0 });

        var result = await TelemetryRunObserverTests.RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry());

        Assert.Equal(RunStatus.Failed, result.Status);
        var handoff = spans.Trace(result.RunId).Single(a => a.OperationName == "handoff researcher");
        Assert.Equal("rejected", handoff.GetTagItem("baton.validation.outcome"));
        Assert.Equal(ActivityStatusCode.Error, handoff.Status);
    }

    [Fact]
    public async Task RunAsync_FallbackAgentAnswers_OneFallbackCountedAndItsCallNestsUnderTheStep()
    {
        using var spans = new SpanCollector();
        using var metrics = new MetricRecorder();
        var broken = new ScriptedChatClient().ThenThrow(new InvalidOperationException("provider down"));
        var backup = new Agent("backup", new ScriptedChatClient("""{"facts": ["from backup"]}"""));
        var pipeline = Pipeline.Sequential("guarded", new Agent("researcher", broken) { Contract = s_contract, Fallback = Fallback.ToAgent(backup) });

        var result = await TelemetryRunObserverTests.RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry(o => o.MeterFactory = metrics));

        Assert.Equal(RunStatus.Completed, result.Status);
        var trace = spans.Trace(result.RunId);
        var handoff = trace.Single(a => a.OperationName == "handoff researcher");
        Assert.Equal(1, handoff.GetTagItem("baton.handoff.fallbacks"));
        Assert.Contains(handoff.Events, e => e.Name == "fallback_used");
        var backupCall = trace.Single(a => a.OperationName == "invoke_agent backup");
        Assert.Equal(handoff.SpanId, backupCall.ParentSpanId);
        Assert.Equal(1, metrics.Sum(BatonTelemetry.FallbacksCounter));
    }
}
