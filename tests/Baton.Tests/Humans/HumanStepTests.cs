using Baton.Agents;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.Time.Testing;
using static Baton.Tests.Humans.EscalationDesk;

namespace Baton.Tests.Humans;

/// <summary>A person as a pipeline step: the durable wait, the answer through <see cref="HandoffRunner.ProvideInputAsync"/>, and its validation.</summary>
public class HumanStepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_HumanStep_JournalsTheQuestionAndEndsAwaitingInput()
    {
        var time = new FakeTimeProvider(Start);
        var models = Models();
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });

        var result = await runner.RunAsync(Desk(models), Brief, cancellationToken: Ct);

        Assert.Equal(RunStatus.AwaitingInput, result.Status);
        Assert.Contains("Waiting for support-leads to answer 'lead' (step 2)", result.Reason, StringComparison.Ordinal);
        var asked = Assert.Single(result.Journal.OfType<InputRequested>());
        Assert.Equal(("lead", 2, "support-leads", Question), (asked.Agent, asked.Step, asked.Assignee, asked.Question));
        Assert.Equal(HumanInputKind.Json, asked.Expects);
        Assert.Equal("resolution", asked.Contract);
        Assert.NotNull(asked.Schema);
        Assert.Equal(Start + LeadTimeout, asked.DueAt);
        Assert.Equal(CaseText, asked.View.OriginalTask);
        Assert.Equal(["Be polite"], asked.View.Constraints);
        Assert.Equal("triage", Assert.Single(asked.View.Outputs).Name);
        Assert.IsType<RunEnded>(result.Journal[^1]);
        Assert.Equal(1, models.CallCount);
        var state = RunState.FromEvents(result.Journal);
        Assert.True(state.IsAwaitingInput);
        Assert.Equal(asked.Sequence, state.PendingInput!.Sequence);
        Assert.Equal(2, state.StepCount);
    }

    [Fact]
    public async Task ProvideInputAsync_ValidAnswerInANewRunner_JournalsItAndCompletesTheRun()
    {
        var store = new InMemoryRunStore();
        var waiting = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).RunAsync(Desk(Models()), Brief, cancellationToken: Ct);
        var models = Models(triage: []);

        var answered = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).ProvideInputAsync(Desk(models), waiting.RunId, Refund, "alice", Ct);

        Assert.Equal(InputOutcome.Accepted, answered.Outcome);
        Assert.Equal(RunStatus.Completed, answered.Run.Status);
        Assert.Equal("We refunded the duplicate charge.", answered.Run.FinalText);
        var provided = Assert.Single(answered.Run.Journal.OfType<InputProvided>());
        Assert.Equal(("alice", """{"action":"refund","refund":19.99}"""), (provided.Respondent, provided.Answer));
        Assert.Equal(answered.Request!.Sequence, provided.Request);
        Assert.Equal("lead", answered.Run.Context.Outputs["resolution"].ProducedBy);
        Assert.Equal(1, models.CallCount);
        Assert.Contains("refund", models.Requests[0].LastUserText, StringComparison.Ordinal);
        Assert.Equal([RunStatus.AwaitingInput, RunStatus.Completed], answered.Run.Journal.OfType<RunEnded>().Select(e => e.Status));
    }

    [Fact]
    public async Task ProvideInputAsync_AnswerBreaksTheContract_RefusedWithItsErrorsAndTheRunStillWaits()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        var refused = await runner.ProvideInputAsync(Desk(Models(triage: [], writer: [])), waiting.RunId, HumanAnswer.FromText("""{"action":"maybe"}"""), "bob", Ct);

        Assert.Equal(InputOutcome.Invalid, refused.Outcome);
        Assert.Contains(refused.Errors, e => e.Path.Contains("action", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Message.Contains("refund", StringComparison.Ordinal));
        Assert.Contains("contract 'resolution'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("still waits", refused.Message, StringComparison.Ordinal);
        var stored = await runner.Store.ReadAsync(waiting.RunId, Ct);
        Assert.Equal(waiting.Journal.Count, stored.Count);
        Assert.True(RunState.FromEvents(stored).IsAwaitingInput);
    }

    [Fact]
    public async Task ProvideInputAsync_TextThatIsNotJson_RefusedWithTheParseError()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        var refused = await runner.ProvideInputAsync(Desk(Models()), waiting.RunId, HumanAnswer.FromText("refund them please"), "bob", Ct);

        Assert.Equal(InputOutcome.Invalid, refused.Outcome);
        Assert.NotEmpty(refused.Errors);
        Assert.Equal(waiting.Journal.Count, (await runner.Store.ReadAsync(waiting.RunId, Ct)).Count);
    }

    [Fact]
    public async Task ProvideInputAsync_AnApprovalForAnOutputStep_RefusedAsTheWrongKindOfAnswer()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        var refused = await runner.ProvideInputAsync(Desk(Models()), waiting.RunId, HumanAnswer.Approve(), "bob", Ct);

        Assert.Equal(InputOutcome.Invalid, refused.Outcome);
        Assert.Contains("not an approval", refused.Message, StringComparison.Ordinal);
    }

    // Found by the fuzzer (people's answers, 50,000-input run): a JSON string holding a lone surrogate escape, given to a
    // text step, could not be read as text; the exception ended the run Failed instead of refusing the answer.
    [Theory]
    [InlineData("\"\\ud83d\"")]
    [InlineData("\"\\uD800\\uD800\"")]
    [InlineData("{\"a\": [\"\\udc00\"]}")]
    public async Task ProvideInputAsync_JsonWithALoneSurrogateForATextStep_RefusedAndTheRunStillWaits(string json)
    {
        var runner = new HandoffRunner();
        var step = Pipeline.Sequential("note", new Agent("lead", new HumanParticipant { Question = "Write the note." }));
        var waiting = await runner.RunAsync(step, Brief, cancellationToken: Ct);

        var refused = await runner.ProvideInputAsync(step, waiting.RunId, HumanAnswer.FromJson(System.Text.Json.JsonDocument.Parse(json).RootElement), "bob", Ct);

        Assert.Equal(InputOutcome.Invalid, refused.Outcome);
        Assert.Contains("not valid Unicode (a lone UTF-16 surrogate", refused.Message, StringComparison.Ordinal);
        Assert.Equal(waiting.Journal.Count, (await runner.Store.ReadAsync(waiting.RunId, Ct)).Count);
        Assert.Equal(RunStatus.AwaitingInput, refused.Run.Status);
    }

    [Fact]
    public async Task ProvideInputAsync_AnswerTooLong_RefusedBeforeReadingIt()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        var refused = await runner.ProvideInputAsync(Desk(Models()), waiting.RunId, HumanAnswer.FromText(new string('x', BatonDefaults.HumanAnswerMaxChars + 1)), "bob", Ct);

        Assert.Equal(InputOutcome.Invalid, refused.Outcome);
        Assert.Contains("at most 1048576", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("alice\nbob")]
    [InlineData("\u001b[31mroot")]
    public async Task ProvideInputAsync_InvalidRespondent_Throws(string respondent)
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => runner.ProvideInputAsync(Desk(Models()), waiting.RunId, Refund, respondent, Ct));
    }

    [Fact]
    public async Task ProvideInputAsync_UnknownRun_Throws()
    {
        var runner = new HandoffRunner();

        await Assert.ThrowsAsync<ArgumentException>(() => runner.ProvideInputAsync(Desk(Models()), "nope", Refund, "alice", Ct));
    }

    [Fact]
    public async Task ProvideInputAsync_CancelledBeforeTheAnswerIsWritten_LeavesTheRunWaiting()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.ProvideInputAsync(Desk(Models()), waiting.RunId, Refund, "alice", cancelled.Token));

        var stored = await runner.Store.ReadAsync(waiting.RunId, Ct);
        Assert.Equal(waiting.Journal.Count, stored.Count);
        Assert.True(RunState.FromEvents(stored).IsAwaitingInput);
    }

    [Fact]
    public async Task ReplayAsync_AnsweredRun_ReproducesItFromTheJournalWithoutAsking()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);
        await runner.ProvideInputAsync(Desk(Models(triage: [])), waiting.RunId, Refund, "alice", Ct);

        var replay = await runner.ReplayAsync(Desk(Models(triage: [], writer: [])), waiting.RunId, Ct);

        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.Completed, replay.Status);
        Assert.Equal("We refunded the duplicate charge.", replay.Replayed!.FinalText);
    }

    [Fact]
    public async Task ReplayAsync_WaitingRun_MatchesAndStillWaits()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);

        var replay = await runner.ReplayAsync(Desk(Models(triage: [], writer: [])), waiting.RunId, Ct);

        Assert.True(replay.Matched, replay.Divergence);
        Assert.Equal(RunStatus.AwaitingInput, replay.Status);
    }

    [Fact]
    public async Task ResumeAsync_WaitNotDue_ReturnsTheRunUnchanged()
    {
        var time = new FakeTimeProvider(Start);
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);
        time.Advance(TimeSpan.FromHours(3));

        var resumed = await runner.ResumeAsync(Desk(Models(triage: [], writer: [])), waiting.RunId, Ct);

        Assert.Equal(RunStatus.AwaitingInput, resumed.Status);
        Assert.Equal(waiting.Journal.Count, (await runner.Store.ReadAsync(waiting.RunId, Ct)).Count);
    }

    [Fact]
    public async Task ResumeAsync_RunInterruptedRightAfterAsking_EndsWaitingWithoutAskingTwice()
    {
        var runner = new HandoffRunner();
        var waiting = await runner.RunAsync(Desk(Models()), Brief, cancellationToken: Ct);
        var interrupted = new InMemoryRunStore();
        await interrupted.AppendAsync(waiting.RunId, 0, [.. waiting.Journal.Take(waiting.Journal.Count - 1)], Ct);
        var seen = new List<PendingInput>();
        var resumer = new HandoffRunner(new HandoffRunnerOptions { Store = interrupted, Observers = { new PendingInputObserver(seen.Add) } });

        var resumed = await resumer.ResumeAsync(Desk(Models(triage: [], writer: [])), waiting.RunId, Ct);

        Assert.Equal(RunStatus.AwaitingInput, resumed.Status);
        Assert.Single(resumed.Journal.OfType<InputRequested>());
        Assert.Equal("lead", Assert.Single(seen).Agent);
    }

    [Fact]
    public async Task ProvideInputAsync_RedactsTheAnswerLikeEveryJournaledText()
    {
        const string Key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";
        var store = new InMemoryRunStore();
        var runner = new HandoffRunner(new HandoffRunnerOptions { Store = store, Redactor = new Baton.Secrets.SecretRedactor([Key]) });
        var lead = new Baton.Agents.Agent("lead", new HumanParticipant { Question = "Anything to add?" });
        var pipeline = Baton.Orchestration.Pipeline.Sequential("notes", lead);
        var waiting = await runner.RunAsync(pipeline, "task", Ct);

        var answered = await runner.ProvideInputAsync(pipeline, waiting.RunId, HumanAnswer.FromText($"use {Key} to log in"), "alice", Ct);

        Assert.Equal(RunStatus.Completed, answered.Run.Status);
        var stored = string.Join('\n', (await store.ReadAsync(waiting.RunId, Ct)).Select(JournalSerializer.Serialize));
        Assert.DoesNotContain(Key, stored, StringComparison.Ordinal);
        Assert.Contains("[redacted]", Assert.Single(answered.Run.Journal.OfType<InputProvided>()).Answer, StringComparison.Ordinal);
    }
}
