namespace Baton.Orchestration.Supervisor;

/// <summary>Why a supervisor's reply is not a usable decision.</summary>
internal enum SupervisorDecisionErrorKind
{
    /// <summary>The reply is empty.</summary>
    Empty = 0,

    /// <summary>The reply holds no valid JSON object (whole, fenced, or inside prose), or is too long to search.</summary>
    NotJson,

    /// <summary>The JSON is not an object.</summary>
    NotAnObject,

    /// <summary>A required field is missing.</summary>
    MissingField,

    /// <summary>A field is not a string.</summary>
    WrongType,

    /// <summary><c>next_agent</c> names no allowed agent.</summary>
    UnknownAgent,

    /// <summary>The reply holds more than one different JSON object (for example a quoted earlier decision and a new one).</summary>
    Ambiguous,

    /// <summary>The reply holds text that is not valid Unicode: a lone UTF-16 surrogate, raw or as a <c>\u</c> escape.</summary>
    InvalidText,
}
