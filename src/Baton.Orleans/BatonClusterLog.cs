using Microsoft.Extensions.Logging;

namespace Baton.Orleans;

/// <summary>Baton.Orleans' log messages.</summary>
internal static partial class BatonClusterLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Run {RunId} started orchestration {Orchestration} on silo {Silo}.")]
    public static partial void RunStarted(ILogger logger, string runId, string orchestration, string silo);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Run {RunId} continues orchestration {Orchestration} on silo {Silo} from its journal ({Events} events).")]
    public static partial void RunContinued(ILogger logger, string runId, string orchestration, string silo, long events);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Run {RunId} ended {Status} on silo {Silo}.")]
    public static partial void RunEnded(ILogger logger, string runId, RunStatus status, string silo);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Run {RunId} parked until {Until:O}: {Reason}.")]
    public static partial void RunParked(ILogger logger, string runId, DateTimeOffset until, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Run {RunId}: silo {Silo} stopped executing it, its write was refused: {Reason}")]
    public static partial void WriteRefused(ILogger logger, string runId, string silo, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Run {RunId} cannot be continued on silo {Silo}: its journal does not match the registered orchestration. The run is left as it is.")]
    public static partial void ResumeMismatch(ILogger logger, Exception exception, string runId, string silo);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Run {RunId}: its execution on silo {Silo} failed; the run is left as its journal says for the next attempt.")]
    public static partial void ExecutionFailed(ILogger logger, Exception exception, string runId, string silo);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Run {RunId}: {Message}")]
    public static partial void OrchestrationUnavailable(ILogger logger, string runId, string message);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Run {RunId}: silo {Silo} hands the run over ({Reason}).")]
    public static partial void HandingOver(ILogger logger, string runId, string silo, string reason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Run {RunId}: reminder {Reminder} on silo {Silo}.")]
    public static partial void ReminderTick(ILogger logger, string runId, string reminder, string silo);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Silo(s) {Silos} died; continuing {Count} executing run(s) elsewhere.")]
    public static partial void RecoveringRuns(ILogger logger, string silos, int count);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Run {RunId} could not be continued after its silo died (attempt {Attempt}); its reminder will retry.")]
    public static partial void RecoveryAttemptFailed(ILogger logger, Exception exception, string runId, int attempt);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Watching the cluster's membership failed; dead silos' runs continue when their reminders tick.")]
    public static partial void MembershipWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Run {RunId}: the journal refused silo {Silo}'s write under lease epoch {WriterEpoch}: {Owner} holds the run under epoch {CurrentEpoch}. This execution stops.")]
    public static partial void LeaseLost(ILogger logger, string runId, string silo, long writerEpoch, long currentEpoch, string owner);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "Run {RunId} waits for {Agent}'s answer (step {Step}, due {DueAt:O}); it holds no activation until then.")]
    public static partial void RunWaitsForInput(ILogger logger, string runId, string agent, int step, DateTimeOffset? dueAt);
}
