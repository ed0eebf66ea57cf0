using System.Diagnostics;
using Baton.Agents;
using Baton.Humans;
using Baton.Orchestration;
using Baton.Tests.Telemetry;

namespace Baton.Tests.Humans;

/// <summary>Telemetry of a run that waits for a person: the wait is not an error, and the answer continues in a resumed run span.</summary>
public class HumanTelemetryTests
{
    [Fact]
    public async Task Telemetry_RunThatWaitsThenIsAnswered_WaitingSpanIsNotAnErrorAndTheQuestionIsAnEvent()
    {
        using var spans = new SpanCollector();
        var flow = Pipeline.Sequential("notes", new Agent("lead", new HumanParticipant { Question = "Anything to add?", Timeout = TimeSpan.FromHours(1) }));
        var runner = new HandoffRunner(new HandoffRunnerOptions().AddBatonTelemetry());
        var waiting = await runner.RunAsync(flow, "task", TestContext.Current.CancellationToken);

        await runner.ProvideInputAsync(flow, waiting.RunId, HumanAnswer.FromText("No."), "hal", TestContext.Current.CancellationToken);

        var runs = spans.Trace(waiting.RunId).Where(a => a.OperationName.StartsWith("invoke_workflow", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runs.Count);
        var first = runs.Single(r => r.GetTagItem("baton.run.resumed") is null);
        Assert.Equal("AwaitingInput", first.GetTagItem("baton.run.status"));
        Assert.NotEqual(ActivityStatusCode.Error, first.Status);
        var asked = Assert.Single(spans.Trace(waiting.RunId).SelectMany(a => a.Events), e => e.Name == "input_requested");
        Assert.Contains(asked.Tags, t => t.Key == "baton.input.due_at" && t.Value is string);
        Assert.DoesNotContain(asked.Tags, t => t.Key == "baton.input.question");
        Assert.Equal("Completed", runs.Single(r => r.GetTagItem("baton.run.resumed") is true).GetTagItem("baton.run.status"));
    }
}
