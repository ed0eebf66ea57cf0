using System.Text;

namespace Baton.Journal;

/// <summary>
/// The part of a run's state a <see cref="RunSummary"/> holds, folded event by event. <see cref="RunState"/> folds
/// through one of these and stores fold their summary rows with it, so the logic exists once.
/// </summary>
internal sealed class RunSummaryFold
{
    private JournalEvent? _lastEvent;
    private string _lastEventKind = string.Empty;
    private DateTimeOffset _lastEventAt;
    private string? _task;
    private string _taskPreview = string.Empty;

    public string RunId { get; private set; } = string.Empty;

    public string Orchestration { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public RunStatus Status { get; private set; } = RunStatus.Running;

    public string? Reason { get; private set; }

    public int StepCount { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long EventCount { get; private set; }

    public RunLease? Lease { get; private set; }

    public static RunSummaryFold From(RunSummary summary) => new()
    {
        RunId = summary.RunId,
        Orchestration = summary.Orchestration,
        _taskPreview = summary.TaskPreview,
        StartedAt = summary.StartedAt,
        EndedAt = summary.EndedAt,
        Status = summary.Status,
        Reason = summary.Reason,
        StepCount = summary.StepCount,
        InputTokens = summary.InputTokens,
        OutputTokens = summary.OutputTokens,
        EventCount = summary.EventCount,
        _lastEventKind = summary.LastEventKind,
        _lastEventAt = summary.LastEventAt,
        Lease = summary.Lease,
    };

    /// <summary>Gets whether an event takes the run's lease (a start or resume that names its owner).</summary>
    public static bool TakesLease(JournalEvent e, out string owner)
    {
        owner = e switch
        {
            RunStarted { LeaseOwner: { } o } => o,
            RunResumed { LeaseOwner: { } o } => o,
            _ => string.Empty,
        };
        return owner.Length > 0;
    }

    public void Apply(JournalEvent e)
    {
        EventCount++;
        _lastEvent = e;
        switch (e)
        {
            case RunStarted started:
                RunId = started.RunId;
                Orchestration = started.Orchestration;
                StartedAt = started.Timestamp;
                _task = started.Task;
                break;
            case AgentCalled called:
                if (called.Attempt == 1 && called.Step > StepCount)
                {
                    StepCount = called.Step;
                }

                break;
            case InputRequested requested:
                // A person's turn is a step like an agent's.
                StepCount = Math.Max(StepCount, requested.Step);
                break;
            case AgentAnswered answered:
                InputTokens += answered.InputTokens ?? 0;
                OutputTokens += answered.OutputTokens ?? 0;
                break;
            case RunEnded ended:
                Status = ended.Status;
                Reason = ended.Reason;
                EndedAt = ended.Timestamp;
                break;
            case RunResumed:
                // A run that is resumed runs again until its next run_ended (a resumed cancelled run, for one).
                Status = RunStatus.Running;
                Reason = null;
                EndedAt = null;
                break;
            default:
                break;
        }

        if (TakesLease(e, out var owner))
        {
            Lease = new RunLease(e.LeaseEpoch, owner, e.Timestamp);
        }
    }

    public RunSummary ToSummary() => new()
    {
        RunId = RunId,
        Orchestration = Orchestration,
        TaskPreview = _task is null ? _taskPreview : Preview(_task),
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        Status = Status,
        Reason = Reason,
        StepCount = StepCount,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        EventCount = EventCount,
        LastEventKind = _lastEvent?.Kind ?? _lastEventKind,
        LastEventAt = _lastEvent?.Timestamp ?? _lastEventAt,
        Lease = Lease,
    };

    private static string Preview(string task)
    {
        // One line, whitespace runs collapsed, cut at a whole character (never half a surrogate pair).
        const int Limit = RunSummary.TaskPreviewLength;
        var sb = new StringBuilder(Math.Min(task.Length, Limit));
        var space = false;
        var truncated = false;
        foreach (var c in task)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (sb.Length + (space ? 2 : 1) > Limit)
            {
                truncated = true;
                break;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        if (truncated)
        {
            sb.Length = Math.Min(sb.Length, Limit - 1);
            if (sb.Length > 0 && char.IsHighSurrogate(sb[^1]))
            {
                sb.Length--;
            }

            sb.Append('…');
        }

        return sb.ToString();
    }
}
