using System.Text.Json.Serialization;

namespace Baton;

/// <summary>
/// How a run ended (or that it has not yet). Every status other than <see cref="Running"/> and <see cref="AwaitingInput"/>
/// is final; a run that awaits input ends its execution there and continues when it is answered.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>The run has not ended.</summary>
    Running = 0,

    /// <summary>The orchestration finished normally.</summary>
    Completed,

    /// <summary>An agent or the orchestration failed, and no fallback applied.</summary>
    Failed,

    /// <summary>The caller cancelled the run.</summary>
    Cancelled,

    /// <summary>The run reached its maximum number of steps.</summary>
    StepLimitReached,

    /// <summary>A review loop reached its maximum number of rounds.</summary>
    RoundLimitReached,

    /// <summary>The same routing cycle repeated with no new information.</summary>
    LoopDetected,

    /// <summary>The run's token or cost budget was used up.</summary>
    BudgetExhausted,

    /// <summary>The run's wall-clock deadline passed.</summary>
    DeadlineExceeded,

    /// <summary>
    /// The run waits for a person's answer (<see cref="Journal.InputRequested"/>). It holds nothing in memory: an answer
    /// (<c>HandoffRunner.ProvideInputAsync</c>) or the wait's timeout continues it.
    /// </summary>
    AwaitingInput,
}
