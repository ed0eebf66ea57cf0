namespace Baton.Humans;

/// <summary>What became of a person's answer given to <c>HandoffRunner.ProvideInputAsync</c>.</summary>
public enum InputOutcome
{
    /// <summary>The answer was journaled and the run continued (it may have ended, or wait again at a later step).</summary>
    Accepted = 0,

    /// <summary>The answer breaks the step's contract or is the wrong kind of answer (<see cref="InputResult.Errors"/>); nothing was written and the run still waits.</summary>
    Invalid,

    /// <summary>The run does not wait for input, or waits at another step than the one answered; nothing was written.</summary>
    NotWaiting,

    /// <summary>Another answer (or another worker) reached the run first; this answer was not taken.</summary>
    Conflict,

    /// <summary>The question was past its due time: its timeout applied (the agent's fallback) instead, and this answer was not taken.</summary>
    Expired,
}
