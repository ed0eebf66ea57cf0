namespace Baton.Guards;

/// <summary>What an orchestration does when one of its own guards (step limit, round limit, loop) stops it.</summary>
public enum GuardFallbackKind
{
    /// <summary>End the run with the guard's status; the result is the last output written.</summary>
    Fail = 0,

    /// <summary>Record a fixed answer as the orchestration's result, then end the run with the guard's status.</summary>
    FixedAnswer,

    /// <summary>Run one more turn of a fallback agent, record its answer as the result, then end the run with the guard's status.</summary>
    Agent,
}
