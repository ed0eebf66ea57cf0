namespace Baton;

/// <summary>What a <see cref="Fallback"/> does.</summary>
public enum FallbackKind
{
    /// <summary>Nothing: the step fails, or the run ends with the guard's status and the last output written.</summary>
    Fail = 0,

    /// <summary>Record a fixed answer.</summary>
    FixedAnswer,

    /// <summary>Run a turn of another agent and record its answer.</summary>
    Agent,
}
