using System.Diagnostics;
using System.Text.Json;
using Baton.Journal;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests;

/// <summary>Ctrl+C and concurrent resumes: the run keeps its journal, and every process ends with a clear message.</summary>
public sealed class InterruptionTests
{
    [Fact]
    public async Task BuiltTool_CtrlCWhileTheModelIsWorking_EndsCancelledResumableAndSaysHowToResume()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = ModelServer.Start(async _ =>
        {
            asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
            return (200, string.Empty);
        });
        using var cli = new CliHarness();
        var spec = SecretTests.EchoSpec(cli);
        var environment = new Dictionary<string, string> { ["OPENAI_BASE_URL"] = server.BaseUrl.ToString() };

        var run = await ToolProcess.RunAsync(cli.WorkingDirectory, environment, ["run", spec, "--model", "openai:gpt-test"], whileRunning: async pid =>
        {
            await asked.Task;
            using var interrupt = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync(TestContext.Current.CancellationToken);
        });
        var runs = await cli.RunAsync("runs", "--json");

        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.Contains("Cancelled after 1 steps", run.Out, StringComparison.Ordinal);
        Assert.Contains("Continue it with 'baton resume ", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
        var listed = Assert.Single(JsonDocument.Parse(runs.Out).RootElement.EnumerateArray());
        Assert.Equal("Cancelled", listed.GetProperty("status").GetString());
        Assert.True(listed.GetProperty("resumable").GetBoolean());
    }

    [Fact]
    public async Task Resume_TwoAtOnce_OneContinuesAndTheOtherStopsWithOneLine()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;
        var twoAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = ModelServer.Start(async _ =>
        {
            if (Interlocked.Increment(ref requests) == 2)
            {
                twoAsked.TrySetResult();
            }

            await release.Task;
            return (200, ModelServer.Completion("the answer"));
        });
        using var cli = new CliHarness();
        var spec = SecretTests.EchoSpec(cli);
        var interrupted = await InterruptedRunAsync(cli, spec);
        cli.WithEnvironment("OPENAI_BASE_URL", server.BaseUrl.ToString());

        // Whatever the interleaving, one resume is refused or loses its append before the model is answered.
        var first = cli.RunAsync("resume", interrupted, "--spec", spec, "--model", "openai:gpt-test");
        var second = cli.RunAsync("resume", interrupted, "--spec", spec, "--model", "openai:gpt-test");
        await Task.WhenAny(first, second, twoAsked.Task);
        release.TrySetResult();
        var results = await Task.WhenAll(first, second);

        var winner = Assert.Single(results, r => r.ExitCode == ExitCodes.Completed);
        var loser = Assert.Single(results, r => r.ExitCode != ExitCodes.Completed);
        Assert.True(loser.ExitCode == ExitCodes.Failed, loser.ToString());
        Assert.Contains("Completed after 1 steps", winner.Out, StringComparison.Ordinal);
        var line = Assert.Single(loser.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", loser.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_RunCancelledWithCtrlC_ContinuesToTheEnd()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = ModelServer.Start(async _ =>
        {
            asked.TrySetResult();
            await answer.Task;
            return (200, ModelServer.Completion("the answer"));
        });
        using var cli = new CliHarness().WithEnvironment("OPENAI_BASE_URL", server.BaseUrl.ToString());
        var spec = SecretTests.EchoSpec(cli);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = cli.RunAsync(ctrlC.Token, "run", spec, "--model", "openai:gpt-test", "--json");
        await asked.Task;
        await ctrlC.CancelAsync();
        var cancelled = await running;
        answer.TrySetResult();

        var resumed = await cli.RunAsync("resume", JsonDocument.Parse(cancelled.Out).RootElement.GetProperty("run_id").GetString()!, "--json");

        Assert.Equal("Cancelled", JsonDocument.Parse(cancelled.Out).RootElement.GetProperty("status").GetString());
        Assert.True(JsonDocument.Parse(cancelled.Out).RootElement.GetProperty("resumable").GetBoolean());
        Assert.True(resumed.ExitCode == ExitCodes.Completed, resumed.ToString());
        Assert.Equal("the answer", JsonDocument.Parse(resumed.Out).RootElement.GetProperty("final_output").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Report_RunIdCraftedAsAPath_DefaultFileStaysInTheCurrentFolder()
    {
        using var cli = new CliHarness();
        var run = await cli.RunAsync("run", "samples/01-sequential/pipeline.yaml", "--json");
        var events = await ReadAsync(cli, JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!);
        const string Crafted = "../../escaped/trace";
        await AppendAsync(cli, Crafted, events.Select(e => e with { RunId = Crafted }));

        var report = await cli.RunAsync("report", Crafted);

        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "trace-______escaped_trace.html")), report.ToString());
        Assert.False(Directory.Exists(Path.GetFullPath(Path.Combine(cli.WorkingDirectory, "../../escaped"))));
    }

    /// <summary>Copies a finished run's journal up to its first model call, as a crash would leave it, under a new id.</summary>
    private static async Task<string> InterruptedRunAsync(CliHarness cli, string spec)
    {
        await using var server = ModelServer.Answering("the answer");
        var done = await cli.WithEnvironment("OPENAI_BASE_URL", server.BaseUrl.ToString()).RunAsync("run", spec, "--model", "openai:gpt-test", "--json");
        Assert.True(done.ExitCode == 0, done.ToString());
        var events = await ReadAsync(cli, JsonDocument.Parse(done.Out).RootElement.GetProperty("run_id").GetString()!);
        var id = Guid.CreateVersion7().ToString("N");
        await AppendAsync(cli, id, events.TakeWhile(e => e is not AgentAnswered).Select(e => e with { RunId = id }));
        return id;
    }

    private static async Task<IReadOnlyList<JournalEvent>> ReadAsync(CliHarness cli, string runId)
    {
        await using var store = new SqliteRunStore(cli.StorePath);
        return await store.ReadAsync(runId, TestContext.Current.CancellationToken);
    }

    private static async Task AppendAsync(CliHarness cli, string runId, IEnumerable<JournalEvent> events)
    {
        await using var store = new SqliteRunStore(cli.StorePath);
        await store.AppendAsync(runId, 0, [.. events], TestContext.Current.CancellationToken);
    }
}
