using System.Diagnostics;

namespace Baton.Orleans.Tests.Cluster;

/// <summary>Runs one <c>baton</c> command as a real process (as a person at a terminal would) and collects what it printed.</summary>
internal static class CliCommand
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static async Task<Result> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerProcess.CliDll);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("ANTHROPIC_API_KEY");
        start.Environment.Remove("OPENAI_API_KEY");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start baton.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await errors);
    }
}
