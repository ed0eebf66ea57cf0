using System.Diagnostics;
using Baton.Agents;
using Baton.Context;
using Baton.Orchestration;
using Baton.Telemetry;
using Baton.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Telemetry;

public class TelemetryRunObserverTests
{
    private static readonly DateTimeOffset s_start = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_ThreeAgents_EmitsRunHandoffAndAgentSpansNestedInOneTrace()
    {
        using var spans = new SpanCollector();
        var (pipeline, _) = TestAgents.Chain("research", "writer", "editor");

        var result = await RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry());

        var trace = spans.Trace(result.RunId);
        var run = Assert.Single(trace, a => a.OperationName == "invoke_workflow chain");
        Assert.Equal(default, run.ParentSpanId);
        var handoffs = trace.Where(a => a.OperationName.StartsWith("handoff", StringComparison.Ordinal)).OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(["handoff research", "handoff research -> writer", "handoff writer -> editor"], handoffs.Select(h => h.OperationName));
        Assert.All(handoffs, h => Assert.Equal(run.SpanId, h.ParentSpanId));
        var calls = trace.Where(a => a.OperationName.StartsWith("invoke_agent", StringComparison.Ordinal)).OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(["invoke_agent research", "invoke_agent writer", "invoke_agent editor"], calls.Select(c => c.OperationName));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(handoffs[i].SpanId, calls[i].ParentSpanId);
        }

        Assert.Equal(7, trace.Count);
    }

    [Fact]
    public async Task RunAsync_AgentCall_CarriesGenAiAttributesFromTheJournal()
    {
        using var spans = new SpanCollector();
        var (pipeline, _) = TestAgents.Chain("research", "writer");

        var result = await RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry());

        var answers = result.Journal.OfType<Baton.Journal.AgentAnswered>().ToList();
        var calls = spans.Trace(result.RunId).Where(a => a.OperationName.StartsWith("invoke_agent", StringComparison.Ordinal)).OrderBy(a => a.StartTimeUtc).ToList();
        for (var i = 0; i < calls.Count; i++)
        {
            Assert.Equal("invoke_agent", calls[i].GetTagItem("gen_ai.operation.name"));
            Assert.Equal(answers[i].Agent, calls[i].GetTagItem("gen_ai.agent.name"));
            Assert.Equal(answers[i].InputTokens, calls[i].GetTagItem("gen_ai.usage.input_tokens"));
            Assert.Equal(answers[i].OutputTokens, calls[i].GetTagItem("gen_ai.usage.output_tokens"));
            Assert.Equal("scripted", calls[i].GetTagItem("gen_ai.response.model"));
            Assert.Equal(i + 1, calls[i].GetTagItem("baton.step"));
        }

        var run = spans.Trace(result.RunId).Single(a => a.OperationName.StartsWith("invoke_workflow", StringComparison.Ordinal));
        Assert.Equal("Completed", run.GetTagItem("baton.run.status"));
        Assert.Equal(result.InputTokens, run.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
    }

    [Fact]
    public async Task RunAsync_Handoff_CarriesSourceTargetContextTokensAndPayloadDigest()
    {
        using var spans = new SpanCollector();
        var (pipeline, _) = TestAgents.Chain("research", "writer");

        var result = await RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry());

        var handoff = spans.Trace(result.RunId).Single(a => a.OperationName == "handoff research -> writer");
        Assert.Equal("research", handoff.GetTagItem("baton.handoff.source"));
        Assert.Equal("writer", handoff.GetTagItem("baton.handoff.target"));
        Assert.Equal(new[] { "research" }, handoff.GetTagItem("baton.handoff.outputs"));
        var digest = Assert.IsType<string>(handoff.GetTagItem("baton.handoff.payload.digest"));
        Assert.Matches("^[0-9a-f]{16}$", digest);
        var writerCall = result.Journal.OfType<Baton.Journal.AgentCalled>().Single(c => c.Agent == "writer");
        var promptChars = writerCall.Messages.Sum(m => m.Text.Length);
        Assert.Equal((promptChars + 3) / 4, handoff.GetTagItem("baton.context.tokens"));
        Assert.Equal(true, handoff.GetTagItem("baton.context.tokens_estimated"));
        Assert.Equal("accepted", handoff.GetTagItem("baton.validation.outcome"));
        Assert.Equal(0, handoff.GetTagItem("baton.handoff.retries"));
        Assert.Equal(0, handoff.GetTagItem("baton.handoff.fallbacks"));
    }

    [Fact]
    public async Task RunAsync_SamePayload_SameDigest_DifferentPayload_DifferentDigest()
    {
        using var spans = new SpanCollector();
        var options = new HandoffRunnerOptions().AddBatonTelemetry();
        var (first, _) = TestAgents.Chain("research", "writer");
        var (second, _) = TestAgents.Chain("research", "writer");
        var client = new ScriptedChatClient("other research", "draft");
        var third = Pipeline.Sequential("chain", new Agent("research", client), new Agent("writer", client));

        var digests = new List<object?>();
        foreach (var pipeline in new[] { first, second, third })
        {
            var result = await RunAsync(pipeline, HandoffContext.Create("the task"), options);
            digests.Add(spans.Trace(result.RunId).Single(a => a.OperationName == "handoff research -> writer").GetTagItem("baton.handoff.payload.digest"));
        }

        Assert.Equal(digests[0], digests[1]);
        Assert.NotEqual(digests[0], digests[2]);
    }

    [Fact]
    public async Task RunAsync_SpansUseJournalTimestamps_NotTheWallClock()
    {
        using var spans = new SpanCollector();
        var clock = new FakeTimeProvider(s_start);
        var client = new ScriptedChatClient((_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done")));
        });
        var pipeline = Pipeline.Sequential("timed", new Agent("a", client), new Agent("b", client));

        var result = await RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions { TimeProvider = clock }.AddBatonTelemetry());

        var trace = spans.Trace(result.RunId);
        var run = trace.Single(a => a.OperationName.StartsWith("invoke_workflow", StringComparison.Ordinal));
        Assert.Equal(s_start.UtcDateTime, run.StartTimeUtc);
        Assert.Equal(TimeSpan.FromSeconds(4), run.Duration);
        var callB = trace.Single(a => a.OperationName == "invoke_agent b");
        Assert.Equal(s_start.UtcDateTime.AddSeconds(2), callB.StartTimeUtc);
        Assert.Equal(TimeSpan.FromSeconds(2), callB.Duration);
    }

    [Fact]
    public async Task RunAsync_ContentIsAbsentByDefault()
    {
        using var spans = new SpanCollector();
        var (pipeline, _) = TestAgents.Chain("research", "writer");

        var result = await RunAsync(pipeline, HandoffContext.Create("SECRET-TASK-TEXT"), new HandoffRunnerOptions().AddBatonTelemetry());

        var values = spans.Trace(result.RunId).SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty).ToList();
        Assert.DoesNotContain(values, v => v.Contains("SECRET-TASK-TEXT", StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains("output of research", StringComparison.Ordinal));
        Assert.All(spans.Trace(result.RunId), a => Assert.Null(a.GetTagItem("gen_ai.input.messages")));
    }

    [Fact]
    public async Task RunAsync_IncludeContent_PutsPromptsRepliesAndPayloadOnSpans()
    {
        using var spans = new SpanCollector();
        var (pipeline, _) = TestAgents.Chain("research", "writer");

        var result = await RunAsync(pipeline, HandoffContext.Create("SECRET-TASK-TEXT"), new HandoffRunnerOptions().AddBatonTelemetry(o => o.IncludeContent = true));

        var trace = spans.Trace(result.RunId);
        var writer = trace.Single(a => a.OperationName == "invoke_agent writer");
        Assert.Contains("SECRET-TASK-TEXT", (string)writer.GetTagItem("gen_ai.input.messages")!, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"user\"", (string)writer.GetTagItem("gen_ai.input.messages")!, StringComparison.Ordinal);
        Assert.Equal("You are writer.", writer.GetTagItem("gen_ai.system_instructions"));
        Assert.Contains("output of writer", (string)writer.GetTagItem("gen_ai.output.messages")!, StringComparison.Ordinal);
        var handoff = trace.Single(a => a.OperationName == "handoff research -> writer");
        Assert.Equal("{\"research\":\"output of research\"}", handoff.GetTagItem("baton.handoff.payload"));
        Assert.Equal("SECRET-TASK-TEXT", trace.Single(a => a.OperationName.StartsWith("invoke_workflow", StringComparison.Ordinal)).GetTagItem("baton.run.task"));
    }

    [Fact]
    public async Task RunAsync_AgentFails_AgentAndRunSpansAreErrors()
    {
        using var spans = new SpanCollector();
        var client = new ScriptedChatClient().ThenThrow(new InvalidOperationException("model down"));
        var pipeline = Pipeline.Sequential("failing", new Agent("a", client));

        var result = await RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry());

        var trace = spans.Trace(result.RunId);
        var call = trace.Single(a => a.OperationName == "invoke_agent a");
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal("InvalidOperationException", call.GetTagItem("error.type"));
        var handoff = trace.Single(a => a.OperationName == "handoff a");
        Assert.Equal(ActivityStatusCode.Error, handoff.Status);
        Assert.Equal("none", handoff.GetTagItem("baton.validation.outcome"));
        var run = trace.Single(a => a.OperationName.StartsWith("invoke_workflow", StringComparison.Ordinal));
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Equal("Failed", run.GetTagItem("baton.run.status"));
    }

    [Fact]
    public async Task RunAsync_MiddlewareRetriedAndFellBack_HandoffCountsThem()
    {
        using var spans = new SpanCollector();
        var client = new ScriptedChatClient((_, _) =>
        {
            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "served"))
            {
                AdditionalProperties = new() { [BatonChatResponseProperties.ServedBy] = "backup-model", [BatonChatResponseProperties.Retries] = 2 },
            };
            return Task.FromResult(response);
        });
        var pipeline = Pipeline.Sequential("resilient", new Agent("a", client));

        var result = await RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions().AddBatonTelemetry());

        var trace = spans.Trace(result.RunId);
        var handoff = trace.Single(a => a.OperationName == "handoff a");
        Assert.Equal(2, handoff.GetTagItem("baton.handoff.retries"));
        Assert.Equal(1, handoff.GetTagItem("baton.handoff.fallbacks"));
        var call = trace.Single(a => a.OperationName == "invoke_agent a");
        Assert.Equal("backup-model", call.GetTagItem("baton.served_by"));
    }

    [Fact]
    public async Task Export_StoredJournal_EmitsSameShapeWithRecordedTimestamps()
    {
        using var spans = new SpanCollector();
        var clock = new FakeTimeProvider(s_start);
        var (pipeline, _) = TestAgents.Chain("research", "writer");
        var recorded = await RunAsync(pipeline, HandoffContext.Create("the task"), new HandoffRunnerOptions { TimeProvider = clock });

        new TelemetryRunObserver().Export(recorded.Journal);

        var trace = spans.Trace(recorded.RunId);
        Assert.Equal(5, trace.Count);
        Assert.All(trace, a => Assert.Equal(s_start.UtcDateTime, a.StartTimeUtc));
        Assert.Single(trace, a => a.OperationName == "handoff research -> writer");
    }

    [Fact]
    public void Constructor_DigestLengthOutOfRange_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<OrchestrationConfigurationException>(() => new TelemetryRunObserver(new BatonTelemetryOptions { DigestLength = 4 }));

        Assert.Contains("DigestLength", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoListener_RunCompletesAndAmbientActivityIsUntouched()
    {
        using var ambient = new Activity("caller").Start();
        var (pipeline, _) = TestAgents.Chain("research");

        var result = await new HandoffRunner(new HandoffRunnerOptions().AddBatonTelemetry())
            .RunAsync(pipeline, HandoffContext.Create("the task"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Same(ambient, Activity.Current);
    }

    internal static Task<RunResult> RunAsync(Baton.Orchestration.Orchestration pipeline, HandoffContext context, HandoffRunnerOptions options)
    {
        // No ambient activity: the run span is the trace's root.
        Activity.Current = null;
        return new HandoffRunner(options).RunAsync(pipeline, context, cancellationToken: TestContext.Current.CancellationToken);
    }
}
