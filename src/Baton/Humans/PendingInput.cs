using Baton.Journal;

namespace Baton.Humans;

/// <summary>A run that waits for a person's answer: which run, the question it waits on, and whether it is overdue.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Orchestration">The orchestration the run was started with.</param>
/// <param name="Request">The question the run waits on.</param>
/// <param name="IsOverdue">Whether the question was past its due time when the list was read (its timeout applies at the next answer, resume or sweep).</param>
public sealed record PendingInput(string RunId, string Orchestration, InputRequested Request, bool IsOverdue)
{
    /// <summary>Gets the step the run waits at.</summary>
    public int Step => Request.Step;

    /// <summary>Gets the name of the agent a person answers.</summary>
    public string Agent => Request.Agent ?? string.Empty;

    /// <summary>Gets who is asked.</summary>
    public string Assignee => Request.Assignee;

    /// <summary>Gets the question.</summary>
    public string Question => Request.Question;

    /// <summary>Gets when the question was asked.</summary>
    public DateTimeOffset RequestedAt => Request.Timestamp;

    /// <summary>Gets when the question times out, if it does.</summary>
    public DateTimeOffset? DueAt => Request.DueAt;

    /// <summary>Reads the question a run's state waits on, if it waits on one.</summary>
    /// <param name="state">The run's state.</param>
    /// <param name="now">The time to judge <see cref="IsOverdue"/> by.</param>
    /// <returns>The pending input, or <see langword="null"/> when the run does not wait for input.</returns>
    public static PendingInput? From(RunState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsAwaitingInput && state.PendingInput is { } request
            ? new PendingInput(state.RunId, state.Orchestration, request, request.DueAt is { } due && now >= due)
            : null;
    }
}
