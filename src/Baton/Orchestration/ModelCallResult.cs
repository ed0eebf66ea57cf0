using Baton.Journal;

namespace Baton.Orchestration;

/// <summary>The result of one model call made through <see cref="RunSession.CallModelAsync"/>.</summary>
/// <param name="Outcome">Completed when the model answered; otherwise why the run must stop.</param>
/// <param name="Text">The reply text, when the model answered.</param>
/// <param name="ServedBy">Which path served the call (<c>primary</c> or a fallback's name).</param>
public sealed record ModelCallResult(StepOutcome Outcome, string? Text, string ServedBy)
{
    /// <summary>Gets the recorded answer, when the model answered.</summary>
    public AgentAnswered? Answer { get; init; }

    /// <summary>Gets the error type name, when the call failed.</summary>
    public string? ErrorType { get; init; }

    internal static ModelCallResult Answered(AgentAnswered answer) =>
        new(StepOutcome.Completed, answer.Text, answer.ServedBy) { Answer = answer };

    internal static ModelCallResult Failed(string agent, int step, string errorType, string message) =>
        new(StepOutcome.Stop(RunStatus.Failed, $"Agent '{agent}' failed at step {step}: {errorType}: {message}"), null, "primary") { ErrorType = errorType };
}
