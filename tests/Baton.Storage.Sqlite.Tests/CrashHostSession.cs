using System.Diagnostics;
using System.Globalization;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>
/// One tests/Baton.CrashHost process driven line by line: the test lets it run up to a chosen output line, holds it
/// there (the host waits on stdin after each event and each model request), and later lets it finish or kills it.
/// </summary>
/// <remarks>Linked into other test projects that need a second live process holding a run.</remarks>
internal sealed class CrashHostSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;
    private readonly List<string> _lines = [];
    private bool _held;

    private CrashHostSession(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    public int ProcessId => _process.Id;

    public IReadOnlyList<string> Lines => _lines;

    public static CrashHostSession Start(string mode, string database, string requestLog, string runId, int seed)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { LocateHost(), mode, database, requestLog, runId, seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        return new CrashHostSession(Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash host."));
    }

    /// <summary>Lets the host run until it prints a line starting with <paramref name="prefix"/>, and holds it there.</summary>
    public async Task<string> RunUntilAsync(string prefix, CancellationToken cancellationToken)
    {
        await ReleaseIfHeldAsync(cancellationToken);
        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            _lines.Add(line);
            var waits = line.StartsWith("event ", StringComparison.Ordinal) || line.StartsWith("sent ", StringComparison.Ordinal);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                _held = waits;
                return line;
            }

            if (waits)
            {
                await ReleaseAsync(cancellationToken);
            }
        }

        throw new InvalidOperationException($"The host ended before printing '{prefix}': {string.Join(" | ", _lines.TakeLast(3))} {await _errors}");
    }

    /// <summary>Lets the host run to its end; returns its exit code.</summary>
    public async Task<int> RunToEndAsync(CancellationToken cancellationToken)
    {
        await ReleaseIfHeldAsync(cancellationToken);
        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            _lines.Add(line);
            if (line.StartsWith("event ", StringComparison.Ordinal) || line.StartsWith("sent ", StringComparison.Ordinal))
            {
                await ReleaseAsync(cancellationToken);
            }
        }

        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async Task<int> KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public Task<string> ErrorsAsync() => _errors;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task ReleaseIfHeldAsync(CancellationToken cancellationToken)
    {
        if (_held)
        {
            _held = false;
            await ReleaseAsync(cancellationToken);
        }
    }

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync();
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    private static string LocateHost()
    {
        // The test runs from tests/<project>/bin/<configuration>/<tfm>/; the host builds beside it.
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
