using System.Diagnostics;
using System.Text;

namespace Baton.Orleans.Tests.Cluster;

/// <summary>A real <c>baton worker</c> process (an Orleans silo) started by a test; killed on dispose, whatever happened.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private static readonly Lazy<string> s_cliDll = new(() => Locate(Path.Combine("src", "Baton.Cli"), "Baton.Cli.dll", "src/Baton.Cli"));
    private static readonly Lazy<string> s_testSiloDll = new(() => Locate(Path.Combine("tests", "Baton.Orleans.TestSilo"), "Baton.Orleans.TestSilo.dll", "tests/Baton.Orleans.TestSilo"));

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, _output, isOutput: true);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, _errors, isOutput: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"Worker {name} exited with {SafeExitCode()} before it was ready:\n{Errors}"));
    }

    public string Name { get; }

    /// <summary>Gets the path of the built <c>baton</c> CLI (<c>Baton.Cli.dll</c>).</summary>
    public static string CliDll => s_cliDll.Value;

    public int ProcessId => _process.Id;

    /// <summary>Gets the silo address the worker printed when ready (for example <c>S127.0.0.1:1234:5678</c>).</summary>
    public string Silo { get; private set; } = string.Empty;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static WorkerProcess Start(string name, string connectionString, string specsDirectory, IReadOnlyDictionary<string, string> environment, params string[] extraArguments) =>
        Launch(name, [s_cliDll.Value, "worker", "--postgres", connectionString, "--specs", specsDirectory, .. extraArguments], environment);

    /// <summary>Starts a test silo (<c>Baton.Orleans.TestSilo</c>): a worker whose orchestrations are registered in code, by name.</summary>
    public static WorkerProcess StartTestSilo(string name, string connectionString, string orchestrations, IReadOnlyDictionary<string, string> environment, params string[] extraArguments) =>
        Launch(name, [s_testSiloDll.Value, "--postgres", connectionString, "--orchestrations", orchestrations, .. extraArguments], environment);

    private static WorkerProcess Launch(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("ANTHROPIC_API_KEY");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker."), name);
    }

    public async Task WaitReadyAsync(TimeSpan timeout) => Silo = await _ready.Task.WaitAsync(timeout);

    /// <summary>Kills the process with SIGKILL: no goodbye, no graceful shutdown.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigKill);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C does: the worker stops gracefully.</summary>
    public void Interrupt() => _ = Kill(_process.Id, SigInt);

    public int ExitCode => _process.ExitCode;

    public void Pause() => _ = Kill(_process.Id, SigStop);

    public void Resume() => _ = Kill(_process.Id, SigCont);

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                Resume();
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }

        _process.Dispose();
    }

    private int SafeExitCode()
    {
        try
        {
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private void OnLine(string? line, StringBuilder sink, bool isOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (sink)
        {
            sink.AppendLine(line);
        }

        if (isOutput && line.StartsWith("worker ", StringComparison.Ordinal) && line.Contains(" ready ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line.Split(' ')[1]);
        }
    }

    private static string Locate(string projectFolder, string assembly, string project)
    {
        // The test runs from tests/Baton.Orleans.Tests/bin/<configuration>/<tfm>/; the programs build under their own projects.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, projectFolder, "bin", configuration, tfm, assembly);
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{assembly} was not built at {dll}. Build {project} (the test project depends on it).", dll);
    }

    private static int Kill(int pid, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
