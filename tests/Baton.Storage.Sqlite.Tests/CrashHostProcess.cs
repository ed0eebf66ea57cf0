using System.Diagnostics;
using System.Globalization;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>Starts tests/Baton.CrashHost and optionally kills it with SIGKILL after it reports a chosen event.</summary>
internal static class CrashHostProcess
{
    private static readonly string s_hostDll = LocateHost();

    /// <summary>What a host process did before it ended.</summary>
    public sealed record Outcome(bool Killed, IReadOnlyList<string> Lines, string Errors, int ExitCode);

    /// <summary>
    /// When to kill: after the output line <paramref name="AfterLine"/> (1-based) or the first line starting with
    /// <paramref name="AfterLinePrefix"/>; with a delay, the host is let go first (the kill lands mid-write).
    /// </summary>
    public sealed record KillPlan(int? AfterLine, string? AfterLinePrefix, int DelayMs);

    /// <summary>Runs the host, releasing it event by event; kills it (SIGKILL) as <paramref name="kill"/> says.</summary>
    public static async Task<Outcome> RunAsync(
        string mode, string database, string requestLog, string runId, int seed, KillPlan? kill, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { s_hostDll, mode, database, requestLog, runId, seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash host.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var lines = new List<string>();
        var killed = false;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
            if (kill is not null && (lines.Count == kill.AfterLine || (kill.AfterLinePrefix is { } prefix && line.StartsWith(prefix, StringComparison.Ordinal))))
            {
                if (kill.DelayMs > 0)
                {
                    // Let the host run into its next model call or append, then kill it there.
                    await process.StandardInput.WriteLineAsync();
                    await process.StandardInput.FlushAsync(cancellationToken);
                    await Task.Delay(kill.DelayMs, cancellationToken);
                }

                // Without a delay the host is blocked right after the event was committed (or the request was received).
                killed = !process.HasExited;
                process.Kill(entireProcessTree: true);
                break;
            }

            if (line.StartsWith("event ", StringComparison.Ordinal) || line.StartsWith("sent ", StringComparison.Ordinal))
            {
                await process.StandardInput.WriteLineAsync();
                await process.StandardInput.FlushAsync(cancellationToken);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        killed = killed && process.ExitCode != 0;
        return new Outcome(killed, lines, await errors, process.ExitCode);
    }

    private static string LocateHost()
    {
        // The test runs from tests/Baton.Storage.Sqlite.Tests/bin/<configuration>/<tfm>/; the host builds beside it.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var testsDirectory = here.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(testsDirectory, "Baton.CrashHost", "bin", configuration, tfm, "Baton.CrashHost.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The crash host was not built at {dll}. Build tests/Baton.CrashHost (the test project references it).", dll);
    }
}
