using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Baton.Journal;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests;

/// <summary>
/// Issue 11, class 3: Ctrl+C while a command is starting (before or as the run begins, while a store connects) ends
/// with one clear line and no stack trace; a run that had begun stays resumable. And many runs started at once are
/// all kept, each with the spec it can be resumed and replayed from (class 5).
/// </summary>
public sealed class StartInterruptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_CtrlCBeforeTheRunStarts_SaysCancelledInOneLineAndLeavesNoRunningRun()
    {
        using var cli = new CliHarness();
        using var ctrlC = new CancellationTokenSource();
        await ctrlC.CancelAsync();

        var run = await cli.RunAsync(ctrlC.Token, "run", BadInputContext.Sample, "--model", "rehearsal");
        var runs = await cli.RunAsync("runs", "--json");

        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("cancelled", run.Out + run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, runs.ExitCode);
        Assert.All(JsonDocument.Parse(runs.Out).RootElement.EnumerateArray(), r =>
        {
            Assert.Equal("Cancelled", r.GetProperty("status").GetString());
            Assert.True(r.GetProperty("resumable").GetBoolean());
        });
    }

    [Fact]
    public async Task BuiltTool_CtrlCAsTheRunStarts_EndsCancelledResumableWithoutAStackTrace()
    {
        await using var server = ModelServer.Start(async _ =>
        {
            await Task.Delay(Timeout.Infinite, Ct);
            return (200, string.Empty);
        });
        using var cli = new CliHarness();
        var spec = SecretTests.EchoSpec(cli);
        var environment = new Dictionary<string, string> { ["OPENAI_BASE_URL"] = server.BaseUrl.ToString() };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The model notice is the last line printed before the store opens and the run begins: Ctrl+C right then.
        var run = await ToolProcess.RunAsync(
            cli.WorkingDirectory,
            environment,
            ["run", spec, "--model", "openai:gpt-test"],
            whileRunning: async pid =>
            {
                await started.Task;
                await InterruptAsync(pid);
            },
            onOutputLine: _ => started.TrySetResult());
        var runs = await cli.RunAsync("runs", "--json");

        Assert.False(run.TimedOut, run.ToString());
        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.DoesNotContain("   at ", run.Error + run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Error, StringComparison.Ordinal);
        Assert.All(JsonDocument.Parse(runs.Out).RootElement.EnumerateArray(), r =>
        {
            Assert.Equal("Cancelled", r.GetProperty("status").GetString());
            Assert.True(r.GetProperty("resumable").GetBoolean());
        });
        Assert.True(server.Requests.Count <= 1, $"{server.Requests.Count} model requests");
    }

    [Fact]
    public async Task BuiltTool_CtrlCWhileThePostgresStoreConnects_EndsWithOneLine()
    {
        // A server that accepts connections and never answers: the command is stuck starting until Ctrl+C.
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var port = ((IPEndPoint)blackHole.LocalEndpoint).Port;
        var accepted = blackHole.AcceptSocketAsync(Ct).AsTask();
        using var cli = new CliHarness();

        var run = await ToolProcess.RunAsync(
            cli.WorkingDirectory,
            new Dictionary<string, string>(),
            ["runs", "--postgres", $"Host=127.0.0.1;Port={port};Username=baton;Database=baton;Timeout=60;Command Timeout=60"],
            bound: TimeSpan.FromSeconds(45),
            whileRunning: async pid =>
            {
                using var socket = await accepted;
                await InterruptAsync(pid);
            });

        Assert.False(run.TimedOut, run.ToString());
        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cancelled (Ctrl+C).", line, StringComparison.Ordinal);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(30), run.ToString());
    }

    [Fact]
    public async Task Run_TwentyAtOnce_EveryRunIsKeptWithTheSpecItResumesAndReplaysFrom()
    {
        using var cli = new CliHarness();

        var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => cli.RunAsync("run", BadInputContext.Sample, "--model", "rehearsal", "--json"), Ct)));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var ids = runs.Select(r => JsonDocument.Parse(r.Out).RootElement.GetProperty("run_id").GetString()!).ToList();
        var listed = await cli.RunAsync("runs", "--json", "--limit", "50");
        Assert.Equal(ids.Order(StringComparer.Ordinal), JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Select(r => r.GetProperty("run_id").GetString()!).Order(StringComparer.Ordinal));
        await using (var store = new SqliteRunStore(cli.StorePath))
        {
            foreach (var id in ids)
            {
                var started = Assert.IsType<RunStarted>((await store.ReadAsync(id, Ct))[0]);
                Assert.EndsWith("pipeline.yaml", started.SpecPath, StringComparison.Ordinal);
            }
        }

        Assert.False(File.Exists(Path.Combine(cli.WorkingDirectory, ".baton", "runs.specs.json")));
        var replay = await cli.RunAsync("replay", ids[^1]);
        Assert.True(replay.ExitCode == 0, replay.ToString());
    }

    private static async Task InterruptAsync(int pid)
    {
        using var interrupt = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
        await interrupt.WaitForExitAsync(Ct);
    }
}
