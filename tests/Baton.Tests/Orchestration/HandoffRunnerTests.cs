using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Orchestration;

public class HandoffRunnerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_DeadlinePassesDuringCall_CallIsCancelledAndRunEndsDeadlineExceeded(bool callerToken)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var client = new ScriptedChatClient((_, ct) =>
        {
            time.Advance(TimeSpan.FromMinutes(2));
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "too late")));
        });
        var pipeline = Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client));
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time, Limits = new() { Deadline = TimeSpan.FromMinutes(1) } });

        var result = await runner.RunAsync(pipeline, "task", callerToken ? TestContext.Current.CancellationToken : CancellationToken.None);

        Assert.Equal(RunStatus.DeadlineExceeded, result.Status);
        Assert.Equal(1, client.CallCount);
        var failed = Assert.Single(result.Journal.OfType<AgentFailed>());
        Assert.Equal("DeadlineExceeded", failed.ErrorType);
    }

    [Fact]
    public async Task AppendAsync_SameEventObjectInTwoRuns_EachJournalKeepsItsOwnStamp()
    {
        var template = new HandoffRecorded { To = "x", Note = "shared" };
        var runner = new HandoffRunner();

        var first = await runner.RunAsync(new Appender(template), "task", TestContext.Current.CancellationToken);
        var second = await runner.RunAsync(new Appender(template), "task", TestContext.Current.CancellationToken);

        var inFirst = Assert.Single(first.Journal.OfType<HandoffRecorded>());
        var inSecond = Assert.Single(second.Journal.OfType<HandoffRecorded>());
        Assert.Equal((first.RunId, 1L), (inFirst.RunId, inFirst.Sequence));
        Assert.Equal((second.RunId, 1L), (inSecond.RunId, inSecond.Sequence));
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.All(await runner.Store.ReadAsync(first.RunId, TestContext.Current.CancellationToken), e => Assert.Equal(first.RunId, e.RunId));
    }

    [Fact]
    public async Task RunAsync_SamePipelineTwice_ChecksRequiredInputsOnEveryRun()
    {
        var client = new ScriptedChatClient("draft", "draft");
        var pipeline = new SequentialPipeline("p", [new Agent("writer", client) { Reads = ["brief"] }], inputs: ["brief"]);
        var runner = new HandoffRunner();
        var withBrief = HandoffContext.Create("task").WithOutput(new HandoffOutput
        {
            Name = "brief",
            Value = System.Text.Json.JsonSerializer.SerializeToElement("the brief"),
            ProducedBy = "caller",
            Step = 0,
            Timestamp = DateTimeOffset.UnixEpoch,
        });

        var completed = await runner.RunAsync(pipeline, withBrief, cancellationToken: TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<OrchestrationConfigurationException>(
            () => runner.RunAsync(pipeline, HandoffContext.Create("task"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(completed.IsCompleted);
        Assert.Contains("'brief'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.CallCount);
    }

    [Theory]
    [InlineData("line \"one\"\n\\ é 😀", AgentOutputFormat.Text, "text")]
    [InlineData("{\"k\": \"é 😀\"}", AgentOutputFormat.Json, "a JSON object")]
    public async Task RunAsync_OutputWithEscapesOrNonAscii_SummaryCountsCharactersOfTheText(string reply, AgentOutputFormat format, string kind)
    {
        var client = new ScriptedChatClient(reply);
        var pipeline = Pipeline.Sequential("p", new Agent("a", client) { OutputFormat = format });

        var result = await new HandoffRunner().RunAsync(pipeline, "task", TestContext.Current.CancellationToken);

        var recorded = Assert.Single(result.Journal.OfType<OutputRecorded>());
        Assert.Equal($"wrote 'a' ({kind}, {reply.Length} chars)", recorded.Summary);
    }

    private sealed class Appender(JournalEvent template) : Baton.Orchestration.Orchestration("appender")
    {
        public override IReadOnlyList<string> Inputs => [];

        public override IReadOnlyList<string> Outputs => [];

        public override IEnumerable<Agent> Agents => [];

        public override async ValueTask<StepOutcome> ExecuteAsync(IRunContext run, CancellationToken cancellationToken = default)
        {
            await run.RecordAsync(template, cancellationToken);
            return StepOutcome.Completed;
        }
    }
}
