using Microsoft.Extensions.Logging;

namespace Baton.Journal;

/// <summary>Writes a run's journal events to an <see cref="ILogger"/>. Message content is never logged.</summary>
internal sealed class LoggingRunObserver : IRunObserver
{
    private readonly ILogger _logger;

    /// <summary>Creates the observer.</summary>
    /// <param name="logger">The logger to write to.</param>
    public LoggingRunObserver(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        ArgumentNullException.ThrowIfNull(journalEvent);
        switch (journalEvent)
        {
            case RunStarted started:
                BatonLog.RunStarted(_logger, started.RunId, started.Orchestration);
                break;
            case HandoffRecorded handoff:
                BatonLog.Handoff(_logger, handoff.RunId, handoff.Step, handoff.From ?? "(start)", handoff.To);
                break;
            case AgentAnswered answered:
                BatonLog.AgentAnswered(_logger, answered.RunId, answered.Step, answered.Agent ?? "?", answered.LatencyMs, answered.InputTokens, answered.OutputTokens);
                break;
            case AgentFailed failed:
                BatonLog.AgentFailed(_logger, failed.RunId, failed.Step, failed.Agent ?? "?", failed.ErrorType, failed.Message);
                break;
            case RunResumed resumed:
                BatonLog.RunResumed(_logger, resumed.RunId, resumed.EventsBefore, resumed.ResendsInFlightCall);
                break;
            case InputRequested requested:
                BatonLog.InputRequested(_logger, requested.RunId, requested.Step, requested.Agent ?? "?", requested.DueAt);
                break;
            case InputProvided provided:
                BatonLog.InputProvided(_logger, provided.RunId, provided.Step, provided.Agent ?? "?");
                break;
            case InputTimedOut timedOut:
                BatonLog.InputTimedOut(_logger, timedOut.RunId, timedOut.Step, timedOut.Agent ?? "?", timedOut.DueAt, timedOut.Fallback);
                break;
            case RunEnded ended:
                BatonLog.RunEnded(_logger, ended.RunId, ended.Status, ended.Reason);
                break;
            default:
                BatonLog.Event(_logger, journalEvent.RunId, journalEvent.Kind, journalEvent.Sequence);
                break;
        }
    }
}
