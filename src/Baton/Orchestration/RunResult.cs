using Baton.Context;
using Baton.Journal;

namespace Baton.Orchestration;

/// <summary>The result of a run, read from its journal: status and reason, final output, context and the journal itself.</summary>
/// <remarks>Immutable. Build one for any stored run with <see cref="FromJournal"/>.</remarks>
public sealed class RunResult
{
    private RunResult(RunState state, IReadOnlyList<JournalEvent> journal)
    {
        RunId = state.RunId;
        Status = state.Status;
        Reason = state.Reason ?? "The run has not ended.";
        Context = state.Context ?? throw new InvalidOperationException("The journal has no run_started event.");
        FinalOutput = state.FinalOutputName is { } name && Context.Outputs.TryGetValue(name, out var output) ? output : null;
        Journal = journal;
        Steps = state.StepCount;
        InputTokens = state.InputTokens;
        OutputTokens = state.OutputTokens;
        ModelCalls = state.ModelCalls;
        Duration = (state.EndedAt ?? state.StartedAt) - state.StartedAt;
    }

    /// <summary>Gets the run id.</summary>
    public string RunId { get; }

    /// <summary>Gets how the run ended.</summary>
    public RunStatus Status { get; }

    /// <summary>Gets whether the run completed normally.</summary>
    public bool IsCompleted => Status == RunStatus.Completed;

    /// <summary>Gets why the run ended, in words.</summary>
    public string Reason { get; }

    /// <summary>Gets the run's result: the output the orchestration names as its result (or the last one written when a guard stopped the run).</summary>
    public HandoffOutput? FinalOutput { get; }

    /// <summary>Gets the final output as text, or <see langword="null"/> when there is none.</summary>
    public string? FinalText => FinalOutput?.ToText();

    /// <summary>Gets the context at the end of the run.</summary>
    public HandoffContext Context { get; }

    /// <summary>Gets the run's journal, in order.</summary>
    public IReadOnlyList<JournalEvent> Journal { get; }

    /// <summary>Gets the number of agent steps.</summary>
    public int Steps { get; }

    /// <summary>Gets the number of model calls answered (re-asks included).</summary>
    public int ModelCalls { get; }

    /// <summary>Gets the input tokens reported by the chat clients.</summary>
    public long InputTokens { get; }

    /// <summary>Gets the output tokens reported by the chat clients.</summary>
    public long OutputTokens { get; }

    /// <summary>Gets the time from the run's start to its end, by the run's clock.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Builds the result of a run from its journal.</summary>
    /// <param name="journal">The run's events, in order.</param>
    /// <returns>The result.</returns>
    public static RunResult FromJournal(IReadOnlyList<JournalEvent> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return new RunResult(RunState.FromEvents(journal), journal);
    }

    // The run has ended, so the cursor's event list no longer changes: share it read-only rather than copy it.
    internal static RunResult FromCursor(Runtime.JournalCursor cursor) =>
        new(cursor.State, cursor.Events is List<JournalEvent> events ? events.AsReadOnly() : [.. cursor.Events]);

    /// <inheritdoc />
    public override string ToString() => $"Run {RunId}: {Status} ({Reason})";
}
