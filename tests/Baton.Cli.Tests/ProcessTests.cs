using System.Diagnostics;

namespace Baton.Cli.Tests;

/// <summary>End-to-end: the built tool run as a separate process, as a user runs it.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task BuiltTool_RunSample_CompletesWithPlainProgressAndExit0()
    {
        using var cli = new CliHarness();

        var (exit, output, error) = await RunToolAsync(cli, "run", "samples/01-sequential/pipeline.yaml");

        Assert.True(exit == 0, output + error);
        Assert.Contains("REHEARSAL", output, StringComparison.Ordinal);
        Assert.Contains("step 2/10: researcher -> writer  reads: research", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.StorePath));
    }

    [Fact]
    public async Task BuiltTool_InvalidSpec_Exits2WithLocatedErrorsOnStderr()
    {
        using var cli = new CliHarness();
        var spec = cli.Write("bad.yaml", "agents:\n  writer:\n    reads: [research]\nflow: writer\n");

        var (exit, output, error) = await RunToolAsync(cli, "validate", spec);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("bad.yaml:3:13: error: agent 'writer' reads output 'research' that no agent writes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltTool_Help_ListsEveryCommand()
    {
        using var cli = new CliHarness();

        var (exit, output, _) = await RunToolAsync(cli, "--help");

        Assert.Equal(0, exit);
        foreach (var command in new[] { "run", "validate", "runs", "show", "resume", "replay", "report" })
        {
            Assert.Contains($"  {command} ", output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunToolAsync(CliHarness cli, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = cli.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Baton.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean environment: no provider configured, so the run is a rehearsal.
        foreach (var variable in new[] { "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "BATON_MODEL" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
