namespace Baton.Journal;

/// <summary>
/// One line about a stored run: what <c>baton runs</c> lists. Every store keeps one per run and updates it in the
/// same transaction as each append, so listing runs and finding one by an id prefix read no journal.
/// </summary>
/// <remarks>
/// A summary is folded from the run's events by the same code as <see cref="RunState"/>
/// (<see cref="FromEvents"/>, <see cref="WithEvents"/>), so the two never disagree.
/// </remarks>
public sealed record RunSummary
{
    /// <summary>The most characters of the task a summary keeps (<see cref="TaskPreview"/>).</summary>
    public const int TaskPreviewLength = 120;

    /// <summary>Gets the run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the orchestration's name.</summary>
    public required string Orchestration { get; init; }

    /// <summary>Gets the start of the task, on one line, at most <see cref="TaskPreviewLength"/> characters (an ellipsis marks a cut).</summary>
    public string TaskPreview { get; init; } = string.Empty;

    /// <summary>Gets when the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the run ended, if it has.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets the run's status (<see cref="RunStatus.Running"/> if it has not ended).</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;

    /// <summary>Gets why the run ended, if it has.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the number of agent steps begun.</summary>
    public int StepCount { get; init; }

    /// <summary>Gets the input tokens reported so far.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens reported so far.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the input plus output tokens reported so far.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Gets the number of journal events.</summary>
    public long EventCount { get; init; }

    /// <summary>Gets the kind of the last event (for example <c>agent_called</c>).</summary>
    public string LastEventKind { get; init; } = string.Empty;

    /// <summary>Gets when the last event happened.</summary>
    public DateTimeOffset LastEventAt { get; init; }

    /// <summary>Gets the run's current lease (the execution that last started or resumed it); <see langword="null"/> for runs written without leases.</summary>
    public RunLease? Lease { get; init; }

    /// <summary>Folds a run's events, from its first, into a summary.</summary>
    /// <param name="events">The run's events in sequence order, starting with <see cref="RunStarted"/>.</param>
    /// <returns>The summary after the last event.</returns>
    /// <exception cref="ArgumentException">There are no events.</exception>
    public static RunSummary FromEvents(IEnumerable<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var fold = new RunSummaryFold();
        foreach (var e in events)
        {
            fold.Apply(e);
        }

        return fold.EventCount == 0
            ? throw new ArgumentException("A run summary needs at least the run's first event.", nameof(events))
            : fold.ToSummary();
    }

    /// <summary>Folds more of the run's events into a copy of this summary.</summary>
    /// <param name="events">The events that follow the ones this summary counts, in sequence order.</param>
    /// <returns>The summary after the last event.</returns>
    public RunSummary WithEvents(IEnumerable<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var fold = RunSummaryFold.From(this);
        foreach (var e in events)
        {
            fold.Apply(e);
        }

        return fold.ToSummary();
    }
}
