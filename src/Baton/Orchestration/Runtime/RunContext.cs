using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration.Turns;

namespace Baton.Orchestration.Runtime;

/// <summary>
/// The <see cref="IRunContext"/> the runner gives an orchestration: state and context read from the journal cursor,
/// agent turns through the one turn pipeline, and guard stops with their fallbacks.
/// </summary>
internal sealed class RunContext(JournalCursor cursor, TurnSettings settings) : IRunContext
{
    /// <inheritdoc />
    public string RunId => cursor.RunId;

    /// <inheritdoc />
    public TimeProvider TimeProvider => cursor.TimeProvider;

    /// <inheritdoc />
    public RunState State => cursor.State;

    /// <inheritdoc />
    public HandoffContext Context => cursor.Context;

    /// <inheritdoc />
    public bool IsReplaying => cursor.IsReplaying;

    /// <inheritdoc />
    public StepOutcome CheckGuards() => RunGuards.Check(cursor);

    /// <inheritdoc />
    public ValueTask<AgentTurnResult> RunTurnAsync(Agent agent, AgentTurn? turn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return AgentTurnPipeline.RunAsync(cursor, settings, agent, turn ?? AgentTurn.Default, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TEvent> RecordAsync<TEvent>(TEvent journalEvent, CancellationToken cancellationToken = default)
        where TEvent : JournalEvent
    {
        ArgumentNullException.ThrowIfNull(journalEvent);
        return cursor.AppendAsync(journalEvent, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<OutputRecorded> RecordOutputAsync(string agent, int stepNumber, string name, JsonElement value, OutputVia via = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return cursor.AppendAsync(
            new OutputRecorded { Step = stepNumber, Agent = agent, Name = name, Value = value, Via = via, Summary = OutputSummary.Of(name, value, via) },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<StepOutcome> StopAsync(GuardStop guardStop, Fallback fallback, string? resultOutput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guardStop);
        var stop = guardStop;
        ArgumentNullException.ThrowIfNull(fallback);
        await cursor.AppendAsync(
            new GuardTriggered
            {
                Step = cursor.State.StepCount,
                Orchestration = stop.Orchestration,
                Guard = stop.Guard,
                Limit = stop.Limit,
                Status = stop.Status,
                Reason = stop.Reason,
                Cycle = stop.Cycle.IsDefault ? [] : stop.Cycle,
                Fallback = fallback.ToString(),
            },
            cancellationToken).ConfigureAwait(false);

        switch (fallback.Kind)
        {
            case FallbackKind.FixedAnswer:
                await RecordOutputAsync(stop.Orchestration, cursor.State.StepCount, resultOutput ?? stop.Orchestration, fallback.Answer!.Value, OutputVia.Fallback, cancellationToken).ConfigureAwait(false);
                return StepOutcome.Stop(stop.Status, $"{stop.Reason} Fell back to the declared fixed answer.", stop.Limit);
            case FallbackKind.Agent:
                var agent = fallback.Agent!;
                var turn = await RunTurnAsync(
                    agent,
                    new AgentTurn
                    {
                        Note = $"{stop.Reason} Give the best final answer you can from the work so far.",
                        OutputName = resultOutput ?? agent.OutputName,
                    },
                    cancellationToken).ConfigureAwait(false);
                if (turn.Outcome.Status == RunStatus.AwaitingInput)
                {
                    // The fallback is a person: the run waits for them, and the guard's stop is re-executed when they answer.
                    return turn.Outcome;
                }

                return turn.Outcome.IsCompleted
                    ? StepOutcome.Stop(stop.Status, $"{stop.Reason} Fallback agent '{agent.Name}' wrote the final answer.", stop.Limit)
                    : StepOutcome.Stop(stop.Status, $"{stop.Reason} Fallback agent '{agent.Name}' did not answer: {turn.Outcome.Reason}", stop.Limit);
            default:
                return StepOutcome.Stop(stop.Status, stop.Reason, stop.Limit);
        }
    }
}
