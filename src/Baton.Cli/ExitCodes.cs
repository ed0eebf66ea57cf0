namespace Baton.Cli;

/// <summary>The exit codes of every <c>baton</c> command.</summary>
public static class ExitCodes
{
    /// <summary>The run completed (or the command succeeded).</summary>
    public const int Completed = 0;

    /// <summary>The run failed or was cancelled (a cancelled run can be continued with <c>baton resume</c>).</summary>
    public const int Failed = 1;

    /// <summary>The input was not valid: spec errors, bad options, an unknown run.</summary>
    public const int InvalidInput = 2;

    /// <summary>A guard ended the run (step limit, rounds, loop, budget, deadline); the last output is printed as the result.</summary>
    public const int EndedByGuard = 3;

    /// <summary><c>baton replay</c>: re-executing the run from its journal did not reproduce the journal (the spec, a prompt or the orchestration changed). A replay that matches exits <see cref="Completed"/>, whatever the run's recorded status.</summary>
    public const int ReplayDiverged = 4;

    /// <summary>The run waits for a person's answer (<c>baton pending</c> lists it; <c>baton answer</c> continues it). Nothing runs while it waits.</summary>
    public const int AwaitingInput = 5;

    /// <summary>Maps a run's status to the exit code.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The exit code.</returns>
    public static int For(RunStatus status) => status switch
    {
        RunStatus.Completed => Completed,
        RunStatus.Failed or RunStatus.Cancelled or RunStatus.Running => Failed,
        RunStatus.AwaitingInput => AwaitingInput,
        _ => EndedByGuard,
    };
}
