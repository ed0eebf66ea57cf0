namespace Baton.Cli.Commands;

/// <summary>Which runs <c>baton resume</c> continues: interrupted ones and ones the user cancelled (Ctrl+C).</summary>
/// <remarks>A run that a guard or a failure ended stays ended.</remarks>
internal static class Resumability
{
    public static bool IsResumable(RunStatus status) => status is RunStatus.Running or RunStatus.Cancelled;
}
