using System.Collections.Immutable;
using System.Text.Json;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Guards;

/// <summary>Records a triggered guard in the journal and applies its declared fallback.</summary>
internal static class GuardFallbackExecutor
{
    public static async ValueTask<StepOutcome> ApplyAsync(
        RunSession session,
        string orchestration,
        string guard,
        RunStatus status,
        string reason,
        GuardFallback fallback,
        string? resultOutput,
        ImmutableArray<string> cycle,
        CancellationToken cancellationToken)
    {
        await session.AppendAsync(
            new GuardTriggered
            {
                Step = session.State.StepCount,
                Orchestration = orchestration,
                Guard = guard,
                Status = status,
                Reason = reason,
                Cycle = cycle.IsDefault ? [] : cycle,
                Fallback = fallback.ToString(),
            },
            cancellationToken).ConfigureAwait(false);

        switch (fallback.Kind)
        {
            case GuardFallbackKind.FixedAnswer:
                var value = JsonSerializer.SerializeToElement(fallback.Answer!, BatonJsonContext.Default.String);
                await session.RecordOutputAsync(orchestration, session.State.StepCount, resultOutput ?? orchestration, value, "fallback", cancellationToken).ConfigureAwait(false);
                return StepOutcome.Stop(status, $"{reason} Fell back to the declared fixed answer.");
            case GuardFallbackKind.Agent:
                var agent = fallback.Agent!;
                var turn = await session.InvokeAgentAsync(
                    agent,
                    new AgentTurn
                    {
                        Note = $"{reason} Give the best final answer you can from the work so far.",
                        OutputName = resultOutput ?? agent.OutputName,
                    },
                    cancellationToken).ConfigureAwait(false);
                return turn.Outcome.IsCompleted
                    ? StepOutcome.Stop(status, $"{reason} Fallback agent '{agent.Name}' wrote the final answer.")
                    : StepOutcome.Stop(status, $"{reason} Fallback agent '{agent.Name}' did not answer: {turn.Outcome.Reason}");
            default:
                return StepOutcome.Stop(status, reason);
        }
    }
}
