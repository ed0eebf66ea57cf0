using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Testing.Tests;

public sealed class ReplayingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_CheckedInRecording_ReproducesTheRunOfflineEventForEvent()
    {
        await RecordedPipeline.RecordIfRequestedAsync(Ct);
        var recording = await JournalFile.ReadAsync(RecordedPipeline.RecordingPath, Ct);
        var replaying = new ReplayingChatClient(recording);

        var result = await RecordedPipeline.Runner(out _).RunAsync(
            RecordedPipeline.Build(replaying), RecordedPipeline.Context, new RunOptions { RunId = RecordedPipeline.RunId }, Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(0, replaying.RemainingCalls);
        Assert.Equal(
            recording.Select(JournalSerializer.Serialize),
            result.Journal.Select(JournalSerializer.Serialize));
    }

    [Fact]
    public async Task RunAsync_FrozenV1Recording_AnswersEveryCallFromTheRecording()
    {
        var recording = await JournalFile.ReadAsync(RecordedPipeline.LegacyRecordingPath, Ct);
        var replaying = new ReplayingChatClient(recording);

        var result = await RecordedPipeline.Runner(out _).RunAsync(
            RecordedPipeline.Build(replaying), RecordedPipeline.Context, new RunOptions { RunId = RecordedPipeline.RunId }, Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(0, replaying.RemainingCalls);
        Assert.Equal(
            recording.OfType<OutputRecorded>().Select(o => (o.Name, o.Value.GetRawText())),
            result.Journal.OfType<OutputRecorded>().Select(o => (o.Name, o.Value.GetRawText())));
    }

    [Fact]
    public async Task RunAsync_WriterPromptChanged_FailsLoudlyNamingAgentStepAndLine()
    {
        var replaying = ReplayingChatClient.FromFile(RecordedPipeline.RecordingPath);
        var changed = RecordedPipeline.Build(replaying, writerInstructions: "You are the writer. Turn the notes into a limerick.");

        var error = await Assert.ThrowsAsync<ReplayMismatchException>(
            () => RecordedPipeline.Runner(out _).RunAsync(changed, RecordedPipeline.Context, new RunOptions { RunId = "changed" }, Ct));

        Assert.StartsWith("The prompt for agent writer changed at step 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("message 1 (system) differs at line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("now \"You are the writer. Turn the notes into a limerick.\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_RecordedRequest_ReturnsRecordedAnswerAndUsage()
    {
        var recording = JournalFile.Read(RecordedPipeline.LegacyRecordingPath);
        var called = recording.OfType<AgentCalled>().First();
        var answered = recording.OfType<AgentAnswered>().First();
        var client = new ReplayingChatClient(recording);
        var messages = called.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)).ToList();

        var response = await client.GetResponseAsync(messages, cancellationToken: Ct);

        Assert.Equal(answered.Text, response.Text);
        Assert.Equal(answered.InputTokens, response.Usage?.InputTokenCount);
        Assert.Equal(RecordedCallCount(recording) - 1, client.RemainingCalls);
    }

    [Fact]
    public async Task GetResponseAsync_MoreCallsThanRecorded_FailsSayingTheRecordingIsExhausted()
    {
        var recording = JournalFile.Read(RecordedPipeline.LegacyRecordingPath);
        var called = recording.OfType<AgentCalled>().First();
        var messages = called.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)).ToList();
        var client = new ReplayingChatClient([.. recording.TakeWhile(e => e is not OutputRecorded || e.Step == 0), recording.OfType<OutputRecorded>().First()]);
        await client.GetResponseAsync(messages, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<ReplayMismatchException>(() => client.GetResponseAsync(messages, cancellationToken: Ct));

        Assert.Contains("no model call left", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_RecordedFailure_ThrowsReplayedFailure()
    {
        var journal = new JournalEvent[]
        {
            new AgentCalled { RunId = "r", Sequence = 1, Step = 1, Agent = "a", RequestHash = RequestFingerprint.Compute([new ChatMessage(ChatRole.User, "hi")], null) },
            new AgentFailed { RunId = "r", Sequence = 2, Step = 1, Agent = "a", ErrorType = "TimeoutException", Message = "slow" },
        };
        var client = new ReplayingChatClient(journal);

        var error = await Assert.ThrowsAsync<ReplayedFailureException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct));

        Assert.Equal("TimeoutException", error.ErrorType);
    }

    private static int RecordedCallCount(IReadOnlyList<JournalEvent> recording) => recording.OfType<AgentAnswered>().Count();
}
