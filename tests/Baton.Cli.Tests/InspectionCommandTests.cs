using System.Text.Json;
using Baton.Journal;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests;

public sealed class InspectionCommandTests
{
    private const string Sample = "samples/01-sequential/pipeline.yaml";

    [Fact]
    public async Task Runs_AfterTwoRuns_ListsBothNewestFirst()
    {
        using var cli = new CliHarness();
        var first = await RunIdAsync(cli);
        var second = await RunIdAsync(cli);

        var runs = await cli.RunAsync("runs", "--json");

        Assert.Equal(0, runs.ExitCode);
        using var document = JsonDocument.Parse(runs.Out);
        Assert.Equal([second, first], document.RootElement.EnumerateArray().Select(r => r.GetProperty("run_id").GetString()));
        var text = await cli.RunAsync("runs");
        Assert.Contains(first, text.Out, StringComparison.Ordinal);
        Assert.Contains("Completed", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_CompletedRun_PrintsEveryHandoffWithProvenanceAndContextSize()
    {
        using var cli = new CliHarness();
        var runId = await RunIdAsync(cli);

        var show = await cli.RunAsync("show", runId[..10]);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains($"Run {runId}  orchestration 'article'  Completed", show.Out, StringComparison.Ordinal);
        Assert.Contains("step 1  (start) -> researcher", show.Out, StringComparison.Ordinal);
        Assert.Contains("step 2  researcher -> writer", show.Out, StringComparison.Ordinal);
        Assert.Contains("handed over: task, intent, constraints + 'research' (from researcher, step 1)", show.Out, StringComparison.Ordinal);
        Assert.Contains("handed over: task, intent, constraints + 'draft' (from writer, step 2)", show.Out, StringComparison.Ordinal);
        Assert.Contains("tokens (est.)", show.Out, StringComparison.Ordinal);
        Assert.Contains("served by primary", show.Out, StringComparison.Ordinal);
        Assert.Contains("ended: Completed: All steps completed. Final output: 'article'.", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_CustomStore_KeepsRunsApartFromTheDefault()
    {
        using var cli = new CliHarness();
        var run = await cli.RunAsync("run", Sample, "--store", "elsewhere/my.db");
        Assert.Equal(0, run.ExitCode);

        var custom = await cli.RunAsync("runs", "--store", "elsewhere/my.db", "--json");
        var standard = await cli.RunAsync("runs", "--json");

        Assert.Single(JsonDocument.Parse(custom.Out).RootElement.EnumerateArray());
        Assert.Empty(JsonDocument.Parse(standard.Out).RootElement.EnumerateArray());
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "elsewhere", "my.db")));
    }

    [Fact]
    public async Task Show_UnknownRun_Exits2()
    {
        using var cli = new CliHarness();

        var show = await cli.RunAsync("show", "0000");

        Assert.Equal(2, show.ExitCode);
        Assert.Contains("no run '0000'", show.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CompletedRun_MatchesTheRecordingWithoutChangingTheStore()
    {
        using var cli = new CliHarness();
        var runId = await RunIdAsync(cli);
        var before = await ReadAsync(cli, runId);

        var replay = await cli.RunAsync("replay", runId);

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains($"Replayed run {runId} from {before.Count} recorded events without calling a model: Completed (recorded: Completed); the journal, the outcome and the final output match the recording.", replay.Out, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await ReadAsync(cli, runId)).Count);
    }

    [Fact]
    public async Task Replay_SpecChangedSinceTheRun_ReportsTheDivergence()
    {
        using var cli = new CliHarness();
        var runId = await RunIdAsync(cli);
        var path = Path.Combine(cli.WorkingDirectory, Sample);
        File.WriteAllText(path, File.ReadAllText(path).Replace("You are an editor.", "You are a harsh editor.", StringComparison.Ordinal));

        var replay = await cli.RunAsync("replay", runId);

        Assert.Equal(ExitCodes.ReplayDiverged, replay.ExitCode);
        Assert.Contains($"replay of run {runId} diverged from its journal", replay.Error, StringComparison.Ordinal);
        Assert.Contains("changed since run", replay.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_InterruptedRun_ContinuesWithoutResendingRecordedCalls()
    {
        using var cli = new CliHarness();
        var completed = await RunIdAsync(cli);
        var interrupted = await CopyPrefixAsync(cli, completed, keepAnswers: 2);

        var resume = await cli.RunAsync("resume", interrupted, "--spec", Sample);

        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Contains("run resumed after", resume.Out, StringComparison.Ordinal);
        var journal = await ReadAsync(cli, interrupted);
        var resumed = Assert.Single(journal.OfType<RunResumed>());
        Assert.False(resumed.ResendsInFlightCall);
        Assert.Equal(3, journal.OfType<AgentAnswered>().Count());
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(journal).Status);
        // Only the third step's call happened after the resume.
        Assert.Equal(["editor"], journal.Where(e => e.Sequence > resumed.Sequence).OfType<AgentCalled>().Select(c => c.Agent));
    }

    [Fact]
    public async Task Resume_RunWithoutRecordedSpec_AsksForSpec()
    {
        using var cli = new CliHarness();
        var completed = await RunIdAsync(cli);
        var interrupted = await CopyPrefixAsync(cli, completed, keepAnswers: 1, withoutSpec: true);

        var resume = await cli.RunAsync("resume", interrupted);

        Assert.Equal(2, resume.ExitCode);
        Assert.Contains("has no recorded spec", resume.Error, StringComparison.Ordinal);
        Assert.Contains("--spec", resume.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_EndedRun_PrintsItsResult()
    {
        using var cli = new CliHarness();
        var runId = await RunIdAsync(cli);

        var resume = await cli.RunAsync("resume", runId);

        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("already ended (Completed); nothing to resume.", resume.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_RunCancelledByCtrlC_ContinuesIt()
    {
        using var cli = new CliHarness();
        var completed = await RunIdAsync(cli);
        var cancelled = await CopyPrefixAsync(cli, completed, keepAnswers: 2, endAs: RunStatus.Cancelled);

        var resume = await cli.RunAsync("resume", cancelled, "--spec", Sample);

        Assert.True(resume.ExitCode == 0, resume.ToString());
        var journal = await ReadAsync(cli, cancelled);
        Assert.Equal([RunStatus.Cancelled, RunStatus.Completed], journal.OfType<RunEnded>().Select(e => e.Status));
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(journal).Status);
    }

    [Fact]
    public async Task Replay_CancelledRun_MatchesAndKeepsItsStatus()
    {
        using var cli = new CliHarness();
        var completed = await RunIdAsync(cli);
        var cancelled = await CopyPrefixAsync(cli, completed, keepAnswers: 2, endAs: RunStatus.Cancelled);

        var replay = await cli.RunAsync("replay", cancelled, "--spec", Sample);

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains(": Cancelled (recorded: Cancelled)", replay.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.StepLimitReached)]
    [InlineData(RunStatus.LoopDetected)]
    [InlineData(RunStatus.DeadlineExceeded)]
    public async Task Resume_RunEndedByAFailureOrAGuard_NeedsRetry(RunStatus endedAs)
    {
        using var cli = new CliHarness();
        var completed = await RunIdAsync(cli);
        var failed = await CopyPrefixAsync(cli, completed, keepAnswers: 2, endAs: endedAs);

        var refused = await cli.RunAsync("resume", failed, "--spec", Sample);
        var retried = await cli.RunAsync("resume", failed, "--spec", Sample, "--retry");

        Assert.Equal(ExitCodes.For(endedAs), refused.ExitCode);
        Assert.Contains("Pass --retry", refused.Out, StringComparison.Ordinal);
        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(await ReadAsync(cli, failed)).Status);
    }

    internal static async Task<string> RunIdAsync(CliHarness cli)
    {
        var run = await cli.RunAsync("run", Sample, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Out);
        return document.RootElement.GetProperty("run_id").GetString()!;
    }

    private static async Task<IReadOnlyList<JournalEvent>> ReadAsync(CliHarness cli, string runId)
    {
        var store = new SqliteRunStore(cli.StorePath);
        await using var _ = store.ConfigureAwait(false);
        return await store.ReadAsync(runId, TestContext.Current.CancellationToken);
    }

    /// <summary>Copies a run's journal up to its Nth answer under a new id: a run that crashed (or ended with <paramref name="endAs"/>) there.</summary>
    private static async Task<string> CopyPrefixAsync(CliHarness cli, string runId, int keepAnswers, bool withoutSpec = false, RunStatus? endAs = null)
    {
        var store = new SqliteRunStore(cli.StorePath);
        await using var _ = store.ConfigureAwait(false);
        var events = await store.ReadAsync(runId, TestContext.Current.CancellationToken);
        var cut = events.Select((e, i) => (e, i)).Where(x => x.e is AgentAnswered).ElementAt(keepAnswers - 1).i;
        var copyId = "crashed" + runId[..8];
        // withoutSpec: a run started elsewhere than 'baton run' (its run_started records no spec).
        var copy = events.Take(cut + 2).Select(e => (withoutSpec && e is RunStarted s ? s with { SpecPath = null, SpecHash = null } : e) with { RunId = copyId }).ToList();
        if (endAs is { } status)
        {
            copy.Add(new RunEnded { RunId = copyId, Sequence = copy.Count, Timestamp = copy[^1].Timestamp, Step = copy[^1].Step, Status = status, Reason = status.ToString(), LeaseEpoch = copy[^1].LeaseEpoch });
        }

        await store.AppendAsync(copyId, 0, copy, TestContext.Current.CancellationToken);
        return copyId;
    }
}
