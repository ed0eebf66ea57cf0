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
    private readonly RunSummaryFold _summary = new();

    private RunState()
    {
    }

    /// <summary>Gets the run id.</summary>
    public string RunId => _summary.RunId;

    /// <summary>Gets the name of the orchestration that runs.</summary>
    public string Orchestration => _summary.Orchestration;

    /// <summary>Gets the context as of the last event.</summary>
    public HandoffContext? Context { get; private set; }

    /// <summary>Gets the limits the run is held to.</summary>
    public RunLimits Limits { get; private set; } = RunLimits.Default;

    /// <summary>Gets when the run started.</summary>
    public DateTimeOffset StartedAt => _summary.StartedAt;

    /// <summary>Gets when the run ended, if it has.</summary>
    public DateTimeOffset? EndedAt => _summary.EndedAt;

    /// <summary>Gets the run's status.</summary>
    public RunStatus Status => _summary.Status;

    /// <summary>Gets why the run ended, if it has.</summary>
    public string? Reason => _summary.Reason;

    /// <summary>Gets the name of the output that is the run's result, if any.</summary>
    public string? FinalOutputName { get; private set; }

    /// <summary>Gets the name of the most recently recorded output.</summary>
    public string? LastOutputName { get; private set; }

    /// <summary>Gets the number of agent steps begun (re-asks of the same step do not count).</summary>
    public int StepCount => _summary.StepCount;

    /// <summary>Gets the agent of the most recent step.</summary>
    public string? LastAgent { get; private set; }

    /// <summary>Gets the input tokens reported so far.</summary>
    public long InputTokens => _summary.InputTokens;

    /// <summary>Gets the output tokens reported so far.</summary>
    public long OutputTokens => _summary.OutputTokens;

    /// <summary>Gets the input plus output tokens reported so far.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Gets the number of model calls answered.</summary>
    public int ModelCalls { get; private set; }

    /// <summary>Gets the number of events folded.</summary>
    public long EventCount => _summary.EventCount;

    /// <summary>Gets whether the last model call was sent but neither answered nor failed.</summary>
    public bool HasCallInFlight { get; private set; }

    /// <summary>Gets whether the run has ended.</summary>
    public bool IsEnded => Status != RunStatus.Running;

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
    /// <exception cref="InvalidOperationException">The events do not start with <see cref="RunStarted"/> or skip a sequence number.</exception>
    public static RunState FromEvents(IEnumerable<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = new RunState();
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    internal static RunState CreateEmpty() => new();

    internal void Apply(JournalEvent e)
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

        // Status, counts, tokens and the lease: the part a store's summary row holds, folded by the same code.
        _summary.Apply(e);
        switch (e)
        {
            case RunStarted started:
                Limits = started.Limits;
                DefinitionHash = started.DefinitionHash;
                SpecPath = started.SpecPath;
                SpecHash = started.SpecHash;
                Model = started.Model;
                Context = new HandoffContext
                {
                    OriginalTask = started.Task,
                    Intent = started.Intent,
                    Constraints = started.Constraints,
                };
                break;
            case AgentCalled called:
                LastAgent = called.Agent;
                HasCallInFlight = true;
                break;
            case AgentAnswered:
                ModelCalls++;
                HasCallInFlight = false;
                break;
            case AgentFailed:
                HasCallInFlight = false;
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
                FinalOutputName = ended.FinalOutput;
                HasCallInFlight = false;
                break;
            default:
                // Events this projection does not need (handoffs, routing decisions, …) still count for ordering.
                break;
        }
    }
}
