using System.Diagnostics;

namespace Baton.Cli.Tests;

/// <summary>Runs the built <c>baton</c> tool as a separate process, as a user does, with a bound on its time.</summary>
internal static class ToolProcess
{
    /// <summary>The longest any bad input may take: a hang or an unbounded expansion fails the test instead of the build.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<ToolRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args, TimeSpan? bound = null, Func<int, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Baton.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean environment: no provider configured unless the case sets one.
        foreach (var variable in new[] { "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "BATON_MODEL", "BATON_DEBUG", "OLLAMA_HOST" })
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(bound ?? Bound);
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(process.Id).WaitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return new ToolRun(-1, await output, await error, clock.Elapsed, TimedOut: true);
        }

        return new ToolRun(process.ExitCode, await output, await error, clock.Elapsed, TimedOut: false);
    }
}
