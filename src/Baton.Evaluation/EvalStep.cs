namespace Baton.Evaluation;

/// <summary>One agent step of an evaluated run, folded from its journal: who handed over to whom and what the step cost.</summary>
/// <param name="Step">The step number.</param>
/// <param name="From">The agent that handed over, or <see langword="null"/> for the first step of the run.</param>
/// <param name="Agent">The agent that worked the step.</param>
/// <param name="Calls">The model calls sent (re-asks included).</param>
/// <param name="Retries">The retries resilience middleware made inside those calls.</param>
/// <param name="Reasks">The calls after the first (the agent was asked again after a rejected reply).</param>
/// <param name="ValidationFailures">The replies rejected by the agent's output contract or parser.</param>
/// <param name="Fallbacks">The fallbacks used: the step handed to a fallback agent or answer, or a call served by a fallback model.</param>
/// <param name="Compressions">The times the agent's view was compressed to fit its context budget.</param>
/// <param name="FailedCalls">The calls that threw (after any retries).</param>
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
}
