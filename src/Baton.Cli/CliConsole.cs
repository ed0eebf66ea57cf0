using Baton.Secrets;

namespace Baton.Cli;

/// <summary>What a command talks to: its output streams, environment and working folder (the process's, or a test's).</summary>
public sealed class CliConsole
{
    /// <summary>Gets or sets standard output.</summary>
    /// <value>The default is <see cref="TextWriter.Null"/>.</value>
    public TextWriter Out { get; init; } = TextWriter.Null;

    /// <summary>Gets or sets standard error.</summary>
    /// <value>The default is <see cref="TextWriter.Null"/>.</value>
    public TextWriter Error { get; init; } = TextWriter.Null;

    /// <summary>Gets whether output goes to a file or pipe rather than a terminal (then progress is plain lines).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool IsOutputRedirected { get; init; } = true;

    /// <summary>Gets the folder relative paths and the default store are resolved against.</summary>
    /// <value>The default is the process's current folder.</value>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Gets the function that reads an environment variable.</summary>
    /// <value>The default reads the process's environment.</value>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets the clock runs use.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the redactor for the keys in the environment (set by <see cref="BatonCli"/> for every command).</summary>
    internal SecretRedactor Redactor { get; init; } = SecretRedactor.Default;

    /// <summary>Creates a console over the process's own streams and environment.</summary>
    /// <returns>The console.</returns>
    public static CliConsole FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        IsOutputRedirected = Console.IsOutputRedirected,
    };

    /// <summary>Resolves a path given on the command line against <see cref="WorkingDirectory"/>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The full path.</returns>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));
}
