using Baton.Context;
using Baton.Guards;

namespace Baton.Journal;

/// <summary>
/// A run's state, folded from its journal events. This is the only place run state is derived: the runner,
/// results, resume, inspection and telemetry all read a <see cref="RunState"/> built from the journal.
/// </summary>
/// <remarks>
/// Public members are read-only. An instance is updated in place by the run that owns it, so it is not
/// thread-safe while its run is executing; use <see cref="FromEvents"/> to build a private copy.
/// </remarks>
public sealed class RunState
{
    // The part a store's summary row holds (status, counts, tokens, the lease), folded by the same code the stores
    // use; it sees every event, superseded or not, as a store's summary row does.
    private readonly RunSummaryFold _summary = new();

    private RunState()
    {
    }

    /// <summary>Gets the run id.</summary>
    public string RunId { get; private set; } = string.Empty;

    /// <summary>Gets the name of the orchestration that runs.</summary>
    public string Orchestration { get; private set; } = string.Empty;

    /// <summary>Gets the context as of the last event.</summary>
    public HandoffContext? Context { get; private set; }

    /// <summary>Gets the limits the run is held to.</summary>
    public RunLimits Limits { get; private set; } = RunLimits.Default;

    /// <summary>Gets when the run started.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Gets when the run's current execution began: its start, or its latest resume. The deadline is measured from here.</summary>
    public DateTimeOffset ActiveSince { get; private set; }

    /// <summary>Gets when the run ended, if it has.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Gets the run's status.</summary>
    public RunStatus Status { get; private set; } = RunStatus.Running;

    /// <summary>Gets why the run ended, if it has.</summary>
    public string? Reason { get; private set; }

    /// <summary>Gets the name of the output that is the run's result, if any.</summary>
    public string? FinalOutputName { get; private set; }

    /// <summary>Gets the name of the most recently recorded output.</summary>
    public string? LastOutputName { get; private set; }

    /// <summary>Gets the number of agent steps begun (re-asks of the same step do not count).</summary>
    public int StepCount { get; private set; }

    /// <summary>Gets the agent of the most recent step.</summary>
    public string? LastAgent { get; private set; }

    /// <summary>Gets the input tokens reported so far.</summary>
    public long InputTokens { get; private set; }

    /// <summary>Gets the output tokens reported so far.</summary>
    public long OutputTokens { get; private set; }

    /// <summary>Gets the input plus output tokens reported so far.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Gets the number of model calls answered.</summary>
    public int ModelCalls { get; private set; }

    /// <summary>Gets the number of events folded.</summary>
    public long EventCount { get; private set; }

    /// <summary>Gets whether the last model call was sent but neither answered nor failed.</summary>
    public bool HasCallInFlight { get; private set; }

    /// <summary>Gets whether the run has ended (a cancelled run has ended, and may still be resumed).</summary>
    public bool IsEnded => Status != RunStatus.Running;

    /// <summary>
    /// Gets whether <c>HandoffRunner.ResumeAsync</c> continues the run as it is: it was interrupted (no end recorded)
    /// or cancelled by its caller. A run that completed, failed or was stopped by a guard stays ended unless the
    /// caller forces a retry (<c>ResumeOptions.RetryEnded</c>).
    /// </summary>
    public bool IsResumable => Status is RunStatus.Running or RunStatus.Cancelled;

    /// <summary>
    /// Gets the question the run waits on: the last <see cref="InputRequested"/> that no <see cref="InputProvided"/>
    /// or <see cref="InputTimedOut"/> has answered yet, if any.
    /// </summary>
    public InputRequested? PendingInput { get; private set; }

    /// <summary>Gets whether the run ended its execution to wait for a person's answer (<see cref="RunStatus.AwaitingInput"/>).</summary>
    public bool IsAwaitingInput => Status == RunStatus.AwaitingInput && PendingInput is not null;

    /// <summary>Gets the limit the run reached, when a limit ended it.</summary>
    public LimitKind? Limit { get; private set; }

    /// <summary>
    /// Gets the run's current lease: the execution that last started or resumed it, and its epoch;
    /// <see langword="null"/> for runs written without leases (schema version 1).
    /// </summary>
    public RunLease? Lease => _summary.Lease;

    /// <summary>Gets the hash of the orchestration's definition the run was started with, if one was recorded.</summary>
    public string? DefinitionHash { get; private set; }

    /// <summary>Gets the path of the spec file the run was started from, if one was recorded.</summary>
    public string? SpecPath { get; private set; }

    /// <summary>Gets the SHA-256 of the spec file's text when the run started, if one was recorded.</summary>
    public string? SpecHash { get; private set; }

    /// <summary>Gets the model override the run was started with, if one was recorded.</summary>
    public string? Model { get; private set; }

    /// <summary>Gets the run's summary as of the last event (what a store lists for it).</summary>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidOperationException">No event has been folded.</exception>
    public RunSummary ToSummary() =>
        EventCount == 0 ? throw new InvalidOperationException("The run has no events yet.") : _summary.ToSummary();

    /// <summary>Folds events into a state.</summary>
    /// <param name="events">The events of one run, in sequence order.</param>
    /// <returns>The state after the last event.</returns>
    /// <remarks>Events a forced retry superseded (<see cref="RunResumed.RetriedFrom"/>) are counted but not folded.</remarks>
    /// <exception cref="InvalidOperationException">The events do not start with <see cref="RunStarted"/> or skip a sequence number.</exception>
    public static RunState FromEvents(IEnumerable<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events as IReadOnlyList<JournalEvent> ?? [.. events];
        var superseded = SupersededRanges.Of(list);
        var state = new RunState();
        foreach (var e in list)
        {
            if (superseded.Contains(e.Sequence))
            {
                state.Skip(e);
            }
            else
            {
                state.Apply(e);
            }
        }

        return state;
    }

    internal static RunState CreateEmpty() => new();

    /// <summary>Counts an event without folding it (an event a forced retry superseded).</summary>
    internal void Skip(JournalEvent e)
    {
        CheckOrder(e);
        _summary.Apply(e);
        EventCount++;
    }

    internal void Apply(JournalEvent e)
    {
        CheckOrder(e);
        _summary.Apply(e);
        EventCount++;
        switch (e)
        {
            case RunStarted started:
                RunId = started.RunId;
                Orchestration = started.Orchestration;
                Limits = started.Limits;
                DefinitionHash = started.DefinitionHash;
                SpecPath = started.SpecPath;
                SpecHash = started.SpecHash;
                Model = started.Model;
                StartedAt = started.Timestamp;
                ActiveSince = started.Timestamp;
                Context = new HandoffContext
                {
                    OriginalTask = started.Task,
                    Intent = started.Intent,
                    Constraints = started.Constraints,
                };
                break;
            case AgentCalled called:
                if (called.Attempt == 1 && called.Step > StepCount)
                {
                    StepCount = called.Step;
                }

                LastAgent = called.Agent;
                HasCallInFlight = true;
                break;
            case AgentAnswered answered:
                InputTokens += answered.InputTokens ?? 0;
                OutputTokens += answered.OutputTokens ?? 0;
                ModelCalls++;
                HasCallInFlight = false;
                break;
            case AgentFailed:
                HasCallInFlight = false;
                break;
            case InputRequested requested:
                // A person's turn is a step like an agent's: it counts toward the step limit.
                StepCount = Math.Max(StepCount, requested.Step);
                LastAgent = requested.Agent;
                PendingInput = requested;
                break;
            case InputProvided provided when provided.Request == PendingInput?.Sequence:
                PendingInput = null;
                break;
            case InputTimedOut timedOut when timedOut.Request == PendingInput?.Sequence:
                PendingInput = null;
                break;
            case OutputRecorded recorded:
                // One copy of the context per output (WithOutput then WithCompletedStep would make two).
                Context = Context! with
                {
                    Outputs = Context.Outputs.SetItem(recorded.Name, new HandoffOutput
                    {
                        Name = recorded.Name,
                        Value = recorded.Value,
                        ProducedBy = recorded.Agent ?? "caller",
                        Step = recorded.Step,
                        Timestamp = recorded.Timestamp,
                        Via = recorded.Via,
                    }),
                    CompletedSteps = Context.CompletedSteps.Add(new CompletedStep(recorded.Step, recorded.Agent ?? "caller", recorded.Summary)),
                };
                LastOutputName = recorded.Name;
                break;
            case RunEnded ended:
                Status = ended.Status;
                Reason = ended.Reason;
                FinalOutputName = ended.FinalOutput;
                EndedAt = ended.Timestamp;
                Limit = ended.Limit;
                HasCallInFlight = false;
                break;
            case RunResumed resumed:
                // A cancelled run (or one whose retry was forced) runs again: it has not ended until its next run_ended.
                Status = RunStatus.Running;
                Reason = null;
                FinalOutputName = null;
                EndedAt = null;
                Limit = null;
                ActiveSince = resumed.Timestamp;
                Limits = resumed.Limits ?? Limits;
                break;
            default:
                // Events this projection does not need (handoffs, routing decisions, …) still count for ordering.
                break;
        }
    }

    private void CheckOrder(JournalEvent e)
    {
        if (e.Sequence != EventCount)
        {
            throw new InvalidOperationException(
                $"Journal of run '{e.RunId}' is out of order: expected event #{EventCount}, got #{e.Sequence} ({e.Kind}).");
        }

        if (EventCount == 0 && e is not RunStarted)
        {
            throw new InvalidOperationException($"Journal of run '{e.RunId}' does not begin with run_started (it begins with {e.Kind}).");
        }
    }
}
