using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Telemetry;

public class TelemetryResumeTests
{
    private static readonly DateTimeOffset s_start = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task ResumeAsync_InAnotherProcess_RunSpanStartsAtTheOriginalStartAndTheResentCallHasASpan()
    {
        using var spans = new SpanCollector();
        var clock = new FakeTimeProvider(s_start);
        var store = new CrashingStore(new InMemoryRunStore());
        var (pipeline, _) = TestAgents.Chain("research", "writer");
        var runId = "resume-telemetry-" + Guid.NewGuid().ToString("N");

        // The first worker dies when it tries to journal the first answer: the call is left in flight.
        await Assert.ThrowsAsync<JournalConcurrencyException>(() => new HandoffRunner(new HandoffRunnerOptions { Store = store, TimeProvider = clock }.AddBatonTelemetry())
            .RunAsync(pipeline, HandoffContext.Create("the task"), new RunOptions { RunId = runId }, TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromMinutes(1));
        var (samePipeline, _) = TestAgents.Chain("research", "writer");
        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = store.Inner, TimeProvider = clock }.AddBatonTelemetry())
            .ResumeAsync(samePipeline, runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        var trace = spans.Trace(runId);
        var run = Assert.Single(trace, a => a.OperationName.StartsWith("invoke_workflow", StringComparison.Ordinal) && a.GetTagItem("baton.run.resumed") is true);
        Assert.Equal(s_start.UtcDateTime, run.StartTimeUtc);
        Assert.Contains(run.Events, e => e.Name == "run_resumed");
        var resent = Assert.Single(trace, a => a.OperationName == "invoke_agent research" && a.ParentSpanId != default && a.GetTagItem("baton.run.resumed") is true);
        Assert.NotNull(resent.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Single(trace, a => a.OperationName == "handoff research -> writer" && a.ParentSpanId == run.SpanId);
    }

    /// <summary>A store that fails the first time an answer is appended, as if the worker died at that moment.</summary>
    private sealed class CrashingStore(IRunStore inner) : IRunStore
    {
        private bool _crashed;

        public IRunStore Inner => inner;

        public ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
        {
            if (!_crashed && events.Any(e => e is AgentAnswered))
            {
                _crashed = true;
                throw new JournalConcurrencyException("simulated crash");
            }

            return inner.AppendAsync(runId, expectedSequence, events, cancellationToken);
        }

        public ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default) => inner.ReadAsync(runId, cancellationToken);

        public ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default) => inner.ListRunsAsync(limit, cancellationToken);

        public ValueTask<IReadOnlyList<RunSummary>> FindRunsAsync(string idPrefix, int limit = 10, CancellationToken cancellationToken = default) => inner.FindRunsAsync(idPrefix, limit, cancellationToken);
    }
}
