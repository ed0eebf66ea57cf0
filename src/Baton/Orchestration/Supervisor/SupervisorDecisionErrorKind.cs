namespace Baton.Orchestration.Supervisor;

/// <summary>Why a supervisor's reply is not a usable decision.</summary>
internal enum SupervisorDecisionErrorKind
{
    /// <summary>The reply is empty.</summary>
    Empty = 0,

    /// <summary>The reply holds no valid JSON (whole, fenced, or as one object inside prose).</summary>
    NotJson,

    /// <summary>The JSON is not an object.</summary>
    NotAnObject,

    /// <summary>A required field is missing.</summary>
    MissingField,

    /// <summary>A field is not a string.</summary>
    WrongType,

    /// <summary><c>next_agent</c> names no allowed agent.</summary>
    UnknownAgent,
}
