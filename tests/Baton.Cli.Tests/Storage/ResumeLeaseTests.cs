using Baton.Storage.Sqlite.Tests;

namespace Baton.Cli.Tests.Storage;

/// <summary>
/// <c>baton resume</c> while another live process on this machine holds the run (a real process, stuck in a model
/// call): refused with one line naming the holder, before any model call; <c>--take-over</c> and a dead holder pass.
/// </summary>
public sealed class ResumeLeaseTests
{
    [Fact]
    public async Task Resume_WhileAnotherLiveProcessHoldsTheRun_RefusesBeforeAnyModelCall()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cli = new CliHarness();
        var requestLog = Path.Combine(cli.WorkingDirectory, "requests.log");
        const string runId = "held-by-another-process";
        await using var holder = CrashHostSession.Start("run", cli.StorePath, requestLog, runId, seed: 1);
        await holder.RunUntilAsync("sent outliner", ct);

        var refused = await cli.RunAsync("resume", "held-by");

        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: run {runId} is being executed by process {holder.ProcessId} on this machine (lease 1, owner ", line, StringComparison.Ordinal);
        Assert.Contains("--take-over", line, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(requestLog).Count(l => l.Length > 0));

        // --take-over passes the check (this code-defined run has no spec, so it stops there, still before any call).
        var forced = await cli.RunAsync("resume", runId, "--take-over");
        Assert.Equal(2, forced.ExitCode);
        Assert.Contains("has no recorded spec", forced.Error, StringComparison.Ordinal);

        // Once the holder is dead, nothing refuses the resume.
        await holder.KillAsync(ct);
        var after = await cli.RunAsync("resume", runId);
        Assert.DoesNotContain("is being executed", after.Error, StringComparison.Ordinal);
        Assert.Contains("has no recorded spec", after.Error, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(requestLog).Count(l => l.Length > 0));
    }
}
