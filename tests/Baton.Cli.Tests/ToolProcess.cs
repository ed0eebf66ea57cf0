using System.Diagnostics;
using System.Text;

namespace Baton.Cli.Tests;

/// <summary>Runs the built <c>baton</c> tool as a separate process, as a user does, with a bound on its time.</summary>
internal static class ToolProcess
{
    /// <summary>The longest any bad input may take: a hang or an unbounded expansion fails the test instead of the build.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>The user id an unprivileged run takes when the tests run as root (<c>nobody</c>).</summary>
    private const int UnprivilegedId = 65534;

    /// <summary>
    /// Gets why the tool cannot run as an ordinary user here, or <see langword="null"/> when it can: as root, only
    /// through <c>setpriv</c> (util-linux); as anyone else, it already does.
    /// </summary>
    public static string? UnprivilegedUnavailable =>
        !IsRoot ? null
        : OperatingSystem.IsWindows() ? "needs a Unix user without privileges"
        : File.Exists("/usr/bin/setpriv") || File.Exists("/bin/setpriv") ? null
        : "the tests run as root, which ignores file permissions, and setpriv (util-linux) is not installed to drop to an ordinary user";

    private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>Runs the tool with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="workingDirectory">The folder it runs in.</param>
    /// <param name="environment">Variables set for it (over a clean provider environment).</param>
    /// <param name="args">The arguments.</param>
    /// <param name="bound">How long it may take (default <see cref="Bound"/>).</param>
    /// <param name="whileRunning">Called with the process id once it runs (to signal it).</param>
    /// <param name="unprivileged">
    /// Run it as an ordinary user, so file permissions hold: when the tests run as root it runs as <c>nobody</c> through
    /// <c>setpriv</c>, and <paramref name="workingDirectory"/> is made traversable for it.
    /// </param>
    /// <param name="onOutputLine">Called with each line of stdout as it arrives.</param>
    public static async Task<ToolRun> RunAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> args,
        TimeSpan? bound = null,
        Func<int, Task>? whileRunning = null,
        bool unprivileged = false,
        Action<string>? onOutputLine = null)
    {
        var dropPrivileges = unprivileged && IsRoot;
        if (dropPrivileges)
        {
            Assert.SkipWhen(UnprivilegedUnavailable is not null, UnprivilegedUnavailable ?? string.Empty);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(workingDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }

        var start = new ProcessStartInfo(dropPrivileges ? "setpriv" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dropPrivileges)
        {
            foreach (var arg in new[] { $"--reuid={UnprivilegedId}", $"--regid={UnprivilegedId}", "--clear-groups", "--", "dotnet" })
            {
                start.ArgumentList.Add(arg);
            }
        }

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
        var output = onOutputLine is null ? process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) : ReadLinesAsync(process.StandardOutput, onOutputLine);
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

    private static async Task<string> ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        var all = new StringBuilder();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            all.Append(line).Append('\n');
            onLine(line);
        }

        return all.ToString();
    }
}
