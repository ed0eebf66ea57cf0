using Baton.Journal;

namespace Baton.Evaluation;

/// <summary>
/// One agent step of an evaluated run, read from its journal through the core's per-step projection
/// (<see cref="StepProjection"/>): who handed over to whom and what the step cost.
/// </summary>
/// <param name="Step">The step number.</param>
/// <param name="From">The agent that handed over, or <see langword="null"/> for the first step of the run.</param>
/// <param name="Agent">The agent that worked the step.</param>
/// <param name="Calls">The model calls sent (re-asks included).</param>
/// <param name="Retries">The retries resilience middleware made inside those calls.</param>
/// <param name="Reasks">The calls after the first (the agent was asked again after a rejected reply).</param>
/// <param name="ValidationFailures">The replies rejected by the agent's output contract or parser.</param>
/// <param name="Fallbacks">The fallbacks used: the step handed to a fallback agent or answer, or a call served by a fallback model.</param>
/// <param name="Compressions">The times the agent's view was compressed to fit its context budget.</param>
/// <param name="FailedCalls">The calls that failed (after any retries).</param>
/// <param name="InputTokens">The input tokens reported.</param>
/// <param name="OutputTokens">The output tokens reported.</param>
/// <param name="LatencyMs">The summed latency of the step's calls, in milliseconds.</param>
public sealed record EvalStep(
    int Step,
    string? From,
    string Agent,
    int Calls,
    int Retries,
    int Reasks,
    int ValidationFailures,
    int Fallbacks,
    int Compressions,
    int FailedCalls,
    long InputTokens,
    long OutputTokens,
    double LatencyMs)
{
    /// <summary>Gets the input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Reads the steps of a run's journal (events a forced retry superseded are left out).</summary>
    /// <param name="journal">The run's events, in order.</param>
    /// <returns>One step per step of the projection, in order.</returns>
    internal static IReadOnlyList<EvalStep> FromJournal(IReadOnlyList<JournalEvent> journal) =>
        [.. StepProjection.FromJournal(journal).Steps.Select(Of)];

    private static EvalStep Of(StepSummary step) => new(
        step.Step,
        step.From,
        step.Agent,
        Calls: step.Calls.Count,
        step.Retries,
        step.Reasks,
        step.ValidationFailures,
        step.Fallbacks,
        Compressions: step.Compressions.Count(),
        FailedCalls: step.Calls.Count(c => c.Failure is not null),
        step.InputTokens,
        step.OutputTokens,
        step.LatencyMs);
}
