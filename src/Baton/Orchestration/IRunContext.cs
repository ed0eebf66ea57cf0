using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;

namespace Baton.Orchestration;

/// <summary>
/// What an orchestration sees of the run it executes in: the context and state (read from the journal), the run's
/// guards, agent turns, and the events it records. The runner provides it; orchestrations never see the journal's
/// store, its replay cursor or the model calls beneath a turn.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> A resumed or replayed run re-executes its orchestration against the recorded journal:
/// every event an orchestration records must match the recorded one, and recorded model answers come back without a
/// call. Orchestrations must therefore decide only from what this context gives them.</para>
/// <para>Not thread-safe: one orchestration drives one run at a time (nested orchestrations run in turn).</para>
/// </remarks>
public interface IRunContext
{
    /// <summary>Gets the run id.</summary>
    string RunId { get; }

    /// <summary>Gets the run's clock.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Gets the run's state, folded from its journal (read-only; do not keep it past the run).</summary>
    RunState State { get; }

    /// <summary>Gets the current context: the task, intent, constraints, completed steps and outputs so far.</summary>
    HandoffContext Context { get; }

    /// <summary>Gets whether the run is still re-executing recorded events (a resume or replay that has not caught up).</summary>
    bool IsReplaying { get; }

    /// <summary>Checks the run-wide guards (step count, deadline, token budget) before new work.</summary>
    /// <returns><see cref="StepOutcome.Completed"/> when another step may begin; otherwise why the run must stop.</returns>
    StepOutcome CheckGuards();

    /// <summary>
    /// Runs one agent turn, top to bottom: the guards, the handoff, the agent's view of the context, its context
    /// budget, the prompt, the model call, reading and validating the reply (re-asking with the exact problems), the
    /// agent's fallback, and recording the output.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <param name="turn">How to run the turn; <see langword="null"/> for <see cref="AgentTurn.Default"/>.</param>
    /// <param name="cancellationToken">The caller's token; cancellation ends the run as cancelled.</param>
    /// <returns>The turn's result.</returns>
    ValueTask<AgentTurnResult> RunTurnAsync(Agent agent, AgentTurn? turn = null, CancellationToken cancellationToken = default);

    /// <summary>Records an event an orchestration decides (a decision, a verdict, a handoff it manages itself).</summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="journalEvent">The event (its run id, sequence and timestamp are stamped by the run).</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The event as stored (the recorded one while replaying).</returns>
    /// <exception cref="ReplayMismatchException">While replaying, the event differs from the recorded one.</exception>
    ValueTask<TEvent> RecordAsync<TEvent>(TEvent journalEvent, CancellationToken cancellationToken = default)
        where TEvent : JournalEvent;

    /// <summary>Records an output in the context (and the journal).</summary>
    /// <param name="agent">The agent (or orchestration) that produced it.</param>
    /// <param name="stepNumber">The step it was produced in.</param>
    /// <param name="name">The output name.</param>
    /// <param name="value">The value.</param>
    /// <param name="via">Which path produced it; <see langword="default"/> for <see cref="OutputVia.Primary"/>.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The recorded event.</returns>
    ValueTask<OutputRecorded> RecordOutputAsync(string agent, int stepNumber, string name, JsonElement value, OutputVia via = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that an orchestration's guard stopped it (<see cref="GuardTriggered"/>) and applies the declared
    /// fallback: a fixed answer or a fallback agent's turn writes the result; the run still ends with the guard's status.
    /// </summary>
    /// <param name="guardStop">The guard that stopped the orchestration.</param>
    /// <param name="fallback">The declared fallback.</param>
    /// <param name="resultOutput">The output the fallback's answer is recorded under; <see langword="null"/> for the orchestration's name (or the fallback agent's output).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The outcome that stops the run, its reason saying what the fallback did.</returns>
    ValueTask<StepOutcome> StopAsync(GuardStop guardStop, Fallback fallback, string? resultOutput, CancellationToken cancellationToken = default);
}
