using Baton.Cli;

namespace Baton.Cli.Tests;

/// <summary>Runs the CLI in-process against a temporary working folder, capturing its output.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private TimeProvider _time = TimeProvider.System;

    public CliHarness()
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("baton-cli-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(WorkingDirectory, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string WorkingDirectory { get; }

    public string StorePath => Path.Combine(WorkingDirectory, ".baton", "runs.db");

    public CliHarness WithEnvironment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Sets the clock every command's runs use (the console's <see cref="CliConsole.TimeProvider"/>).</summary>
    public CliHarness WithTime(TimeProvider time)
    {
        _time = time;
        return this;
    }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(WorkingDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return relativePath;
    }

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(TestContext.Current.CancellationToken, args);

    public async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            IsOutputRedirected = true,
            WorkingDirectory = WorkingDirectory,
            GetEnvironmentVariable = name => _environment.GetValueOrDefault(name),
            TimeProvider = _time,
        };
        var exit = await BatonCli.InvokeAsync(args, console, cancellationToken);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
