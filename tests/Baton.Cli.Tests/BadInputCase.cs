namespace Baton.Cli.Tests;

/// <summary>
/// One row of the bad-input table: how to arrange it, the arguments, and what must come out — an exit code, a clear
/// message (never a stack trace), within <see cref="ToolProcess.Bound"/>.
/// </summary>
/// <param name="Name">The row's name (unique; the theory's data).</param>
/// <param name="Issue">Which class of issue 11 it belongs to.</param>
/// <param name="ArrangeAsync">Sets the case up and returns the tool's arguments.</param>
/// <param name="Exits">The acceptable exit codes.</param>
internal sealed record BadInputCase(string Name, string Issue, Func<BadInputContext, Task<string[]>> ArrangeAsync, params int[] Exits)
{
    /// <summary>Gets text the output (stderr or stdout) must hold: the message that says what is wrong.</summary>
    public string? Says { get; init; }

    /// <summary>Gets text that must appear in no output (an echo of what should stay private).</summary>
    public string? NeverSays { get; init; }

    /// <summary>Gets whether stderr must be exactly one line (a one-line error).</summary>
    public bool OneLine { get; init; }

    /// <summary>Gets whether the tool runs as an ordinary user, so that file permissions hold (as <c>nobody</c> when the tests run as root).</summary>
    public bool Unprivileged { get; init; }

    public override string ToString() => Name;
}
