namespace Baton.Evaluation.Reports;

/// <summary>One agent's figures over every run of an evaluation: its steps, their trouble, and the tokens and latency per step.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Steps">The steps it worked.</param>
/// <param name="Calls">The model calls it made.</param>
/// <param name="Reasks">The times it was asked again after a rejected reply.</param>
/// <param name="ValidationFailures">Its replies rejected by its contract or parser.</param>
/// <param name="Fallbacks">The fallbacks its steps used.</param>
/// <param name="Compressions">The times its view was compressed to fit its budget.</param>
/// <param name="FailedCalls">Its calls that threw.</param>
/// <param name="Tokens">Tokens per step.</param>
/// <param name="LatencyMs">Latency per step (its calls summed), in milliseconds.</param>
public sealed record AgentStats(
    string Agent, int Steps, int Calls, int Reasks, int ValidationFailures, int Fallbacks, int Compressions, int FailedCalls, Distribution Tokens, Distribution LatencyMs);
