using System.Text.Json;
using Baton.Journal;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Cli.Tests.Humans;

/// <summary>
/// People in the loop end to end through the command line, without a browser: a YAML spec with a person, <c>baton run</c>
/// (exit 5), <c>pending</c>, <c>answer</c> (exit 0), <c>show</c> and <c>replay</c>; refused answers, two people answering at
/// once, timeouts on the CLI's clock, and the YAML approval gate.
/// </summary>
public sealed class HumanSpecRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuiltTool_PersonInASpec_RunExits5AndANewProcessAnswersAndTheRunCompletes()
    {
        using var cli = new CliHarness();
        DeskSpec.WriteTo(cli);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);

        var run = await ToolProcess.RunAsync(cli.WorkingDirectory, env, ["run", DeskSpec.File, "--json"]);
        Assert.True(run.ExitCode == ExitCodes.AwaitingInput, run.ToString());
        var started = JsonDocument.Parse(run.Out).RootElement;
        var runId = started.GetProperty("run_id").GetString()!;
        var pending = await ToolProcess.RunAsync(cli.WorkingDirectory, env, ["pending", "--json"]);
        var answer = await ToolProcess.RunAsync(cli.WorkingDirectory, env, ["answer", runId, "--text", """{"action": "refund"}""", "--as", "alice"]);
        var show = await ToolProcess.RunAsync(cli.WorkingDirectory, env, ["show", runId]);
        var replay = await ToolProcess.RunAsync(cli.WorkingDirectory, env, ["replay", runId]);

        Assert.Equal("AwaitingInput", started.GetProperty("status").GetString());
        Assert.True(pending.ExitCode == 0, pending.ToString());
        var waiting = Assert.Single(JsonDocument.Parse(pending.Out).RootElement.EnumerateArray());
        Assert.Equal(runId, waiting.GetProperty("run_id").GetString());
        Assert.Equal("support-leads", waiting.GetProperty("assignee").GetString());
        Assert.Equal("resolution", waiting.GetProperty("contract").GetString());
        Assert.True(answer.ExitCode == 0, answer.ToString());
        Assert.Contains("alice's answer was taken for support-leads (lead) (step 2).", answer.Out, StringComparison.Ordinal);
        Assert.Contains("Completed after 3 steps", answer.Out, StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("asked support-leads (lead) at ", show.Out, StringComparison.Ordinal);
        Assert.Contains("Decide the resolution for this escalated case.", show.Out, StringComparison.Ordinal);
        Assert.Matches("answered by alice at .* after \\d+s: \\{\"action\": \"refund\"\\}", show.Out);
        Assert.Contains("ended: Completed", show.Out, StringComparison.Ordinal);
        Assert.True(replay.ExitCode == 0, replay.ToString());
    }

    [Fact]
    public async Task Answer_BreaksTheContract_Exits2WithTheContractsErrorsAndTheRunStillWaits()
    {
        using var cli = new CliHarness();
        var runId = await DeskSpec.StartAsync(cli);

        var refused = await cli.RunAsync("answer", runId, "--text", """{"action": "maybe"}""", "--as", "alice");
        var pending = await cli.RunAsync("pending", "--json");
        var answered = await cli.RunAsync("answer", runId, "--text", """{"action": "decline"}""", "--as", "alice");

        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains("error: the answer was refused; the run still waits. Fix it and answer again:", refused.Error, StringComparison.Ordinal);
        Assert.Contains("  - /action: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The answer must satisfy contract 'resolution'", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Equal(runId, Assert.Single(JsonDocument.Parse(pending.Out).RootElement.EnumerateArray()).GetProperty("run_id").GetString());
        Assert.True(answered.ExitCode == 0, answered.ToString());
        Assert.Single((await JournalAsync(cli, runId)).OfType<InputProvided>());
    }

    [Fact]
    public async Task Answer_TwoPeopleAtOnce_ExactlyOneIsTakenAndTheOtherIsToldItConflicted()
    {
        using var cli = new CliHarness();
        var runId = await DeskSpec.StartAsync(cli);

        // Both answers read the waiting journal before either writes, as two people answering at the same moment do.
        using var clock = new RendezvousClock(parties: 2);
        cli.WithTime(clock);
        var answers = await Task.WhenAll(
            Task.Run(() => cli.RunAsync("answer", runId, "--text", """{"action": "refund"}""", "--as", "alice", "--json"), Ct),
            Task.Run(() => cli.RunAsync("answer", runId, "--text", """{"action": "decline"}""", "--as", "bob", "--json"), Ct));

        Assert.All(answers, a => Assert.True(a.Out.StartsWith('{'), a.ToString()));
        var outcomes = answers.Select(a => JsonDocument.Parse(a.Out).RootElement.GetProperty("outcome").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(clock.Met, "the two answers did not meet before writing");
        Assert.Equal(["accepted", "conflict"], outcomes);
        var lost = Assert.Single(answers, a => a.Out.Contains("\"conflict\"", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Failed, lost.ExitCode);
        Assert.Contains("was answered or continued by someone else at the same time, so this answer was not taken", lost.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Completed, Assert.Single(answers, a => a != lost).ExitCode);
        Assert.Single((await JournalAsync(cli, runId)).OfType<InputProvided>());
    }

    [Fact]
    public async Task PendingApplyTimeouts_PastTheDueTimeOnTheClisClock_TheFallbackAnswersAndTheRunCompletes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        using var cli = new CliHarness().WithTime(time);
        var runId = await DeskSpec.StartAsync(cli);

        time.Advance(TimeSpan.FromHours(3));
        var early = await cli.RunAsync("pending", "--apply-timeouts");
        time.Advance(TimeSpan.FromHours(1));
        var due = await cli.RunAsync("pending");
        var swept = await cli.RunAsync("pending", "--apply-timeouts");
        var show = await cli.RunAsync("show", runId);

        Assert.True(early.ExitCode == 0, early.ToString());
        Assert.DoesNotContain("OVERDUE", early.Out, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 13:00:00 OVERDUE", due.Out, StringComparison.Ordinal);
        Assert.True(swept.ExitCode == 0, swept.ToString());
        Assert.True(swept.Out.Contains($"run {runId}: nobody answered in time; its timeout applied and the run is now Completed", StringComparison.Ordinal), swept.ToString());
        Assert.Contains("waits for input", swept.Out, StringComparison.Ordinal);
        var journal = await JournalAsync(cli, runId);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero), Assert.Single(journal.OfType<InputTimedOut>()).DueAt);
        Assert.Equal("decline", journal.OfType<OutputRecorded>().Single(o => o.Name == "resolution").Value.GetProperty("action").GetString());
        Assert.Contains("ended: Completed", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_PastTheDueTime_TooLateExits1AndTheFallbackApplies()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        using var cli = new CliHarness().WithTime(time);
        var runId = await DeskSpec.StartAsync(cli);
        time.Advance(TimeSpan.FromHours(5));

        var late = await cli.RunAsync("answer", runId, "--text", """{"action": "refund"}""", "--as", "alice");

        Assert.Equal(ExitCodes.Failed, late.ExitCode);
        Assert.Contains("error: too late: The question to 'lead' (step 2) was due at 2026-03-02 13:00:00 UTC", late.Error, StringComparison.Ordinal);
        Assert.True(late.Error.Contains("The run is now Completed", StringComparison.Ordinal), late.ToString());
        Assert.Empty((await JournalAsync(cli, runId)).OfType<InputProvided>());
    }

    [Fact]
    public async Task Run_ApprovalSample_RejectSendsTheDraftBackTextWithoutAVerdictIsRefusedApproveCompletes()
    {
        using var cli = new CliHarness();
        var run = await cli.RunAsync("run", "samples/04-approval-gate/approval.yaml", "--json");
        Assert.True(run.ExitCode == ExitCodes.AwaitingInput, run.ToString());
        var runId = JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!;

        var reject = await cli.RunAsync("answer", runId, "--reject", "Say the amount and when the refund arrives.", "--as", "lead");
        var vague = await cli.RunAsync("answer", runId, "--text", "looks fine", "--as", "lead");
        var approve = await cli.RunAsync("answer", runId, "--approve", "--as", "lead");
        var show = await cli.RunAsync("show", runId);

        Assert.True(reject.ExitCode == ExitCodes.AwaitingInput, reject.ToString());
        Assert.Contains("lead review round 1: revise: Say the amount and when the refund arrives.", reject.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, vague.ExitCode);
        Assert.Contains("the answer was refused; the run still waits", vague.Error, StringComparison.Ordinal);
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Contains("Final output 'reply' (from writer", approve.Out, StringComparison.Ordinal);
        Assert.Contains("answered by lead at ", show.Out, StringComparison.Ordinal);
        Assert.Contains("REVISE: Say the amount and when the refund arrives.", show.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await JournalAsync(cli, runId)).OfType<InputProvided>().Count());
    }

    [Fact]
    public async Task Validate_PersonWithAModelAndAMisplacedQuestion_LocatedErrorsExit2()
    {
        using var cli = new CliHarness();
        var spec = cli.Write("bad.yaml", "agents:\n  lead:\n    human: { question: Approve? }\n    model: openai:gpt-4o\n  writer:\n    question: Approve?\nflow:\n  sequential: [writer, lead]\n");

        var run = await cli.RunAsync("validate", spec);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("bad.yaml:4:5: error: Agent 'lead' is answered by a person ('human:'), so 'model' does not apply", run.Error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:6:5: error: Unknown key 'question' in agent 'writer'; a person's question belongs in the agent's 'human:' block", run.Error, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<JournalEvent>> JournalAsync(CliHarness cli, string runId)
    {
        await using var store = new SqliteRunStore(cli.StorePath);
        return await store.ReadAsync(runId, Ct);
    }

    /// <summary>
    /// The system clock, except that the first <c>parties</c> readings wait for each other (at most 30 seconds): an
    /// answer reads the clock right after it read the waiting journal, so both answers have read it before either writes.
    /// </summary>
    private sealed class RendezvousClock(int parties) : TimeProvider, IDisposable
    {
        private readonly Barrier _barrier = new(parties);
        private int _arrivals;

        public bool Met { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            if (Interlocked.Increment(ref _arrivals) <= _barrier.ParticipantCount && _barrier.SignalAndWait(TimeSpan.FromSeconds(30)))
            {
                Met = true;
            }

            return base.GetUtcNow();
        }

        public void Dispose() => _barrier.Dispose();
    }
}
