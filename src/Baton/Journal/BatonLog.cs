using Microsoft.Extensions.Logging;

namespace Baton.Journal;

/// <summary>Baton's log messages (source-generated).</summary>
internal static partial class BatonLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Run observer {Observer} threw on event {Kind} of run {RunId}; the run goes on.")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string kind, string runId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run {RunId} started: {Orchestration}.")]
    public static partial void RunStarted(ILogger logger, string runId, string orchestration);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Run {RunId} step {Step}: handoff {From} -> {To}.")]
    public static partial void Handoff(ILogger logger, string runId, int step, string from, string to);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Run {RunId} step {Step}: {Agent} answered in {LatencyMs:F1} ms ({InputTokens} in, {OutputTokens} out).")]
    public static partial void AgentAnswered(ILogger logger, string runId, int step, string agent, double latencyMs, long? inputTokens, long? outputTokens);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Run {RunId} step {Step}: {Agent} failed: {ErrorType}: {Message}")]
    public static partial void AgentFailed(ILogger logger, string runId, int step, string agent, string errorType, string message);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Run {RunId} ended: {Status} ({Reason}).")]
    public static partial void RunEnded(ILogger logger, string runId, RunStatus status, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Run {RunId} resumed from {Events} journal events (in-flight call re-sent: {Resends}).")]
    public static partial void RunResumed(ILogger logger, string runId, long events, bool resends);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Run {RunId}: orchestration {Orchestration} threw; the run ends as failed.")]
    public static partial void OrchestrationFailed(ILogger logger, Exception exception, string runId, string orchestration);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Run {RunId} step {Step}: waiting for a person to answer {Agent} (due {DueAt}).")]
    public static partial void InputRequested(ILogger logger, string runId, int step, string agent, DateTimeOffset? dueAt);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Run {RunId} step {Step}: {Agent} was answered.")]
    public static partial void InputProvided(ILogger logger, string runId, int step, string agent);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Run {RunId} step {Step}: nobody answered {Agent} by {DueAt}; fallback: {Fallback}.")]
    public static partial void InputTimedOut(ILogger logger, string runId, int step, string agent, DateTimeOffset dueAt, string fallback);

    [LoggerMessage(EventId = 8, Level = LogLevel.Trace, Message = "Run {RunId} event {Kind} #{Sequence}.")]
    public static partial void Event(ILogger logger, string runId, string kind, long sequence);
}
