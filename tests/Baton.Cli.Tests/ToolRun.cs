namespace Baton.Cli.Tests;

/// <summary>The outcome of one run of the built tool.</summary>
internal sealed record ToolRun(int ExitCode, string Out, string Error, TimeSpan Elapsed, bool TimedOut)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s{(TimedOut ? " (killed: it did not finish in time)" : string.Empty)}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
