using Baton.Guards;

namespace Baton.Orchestration.Runtime;

/// <summary>The run-wide guards every step and decision is checked against: step count, token budget, deadline.</summary>
/// <remarks>Reasons name the limit's value, not a C# option: tools name the setting from the outcome's <see cref="LimitKind"/>.</remarks>
internal static class RunGuards
{
    public static StepOutcome Check(JournalCursor cursor)
    {
        var state = cursor.State;
        var limits = cursor.Limits;
        if (state.StepCount >= limits.MaxSteps)
        {
            return StepOutcome.Stop(RunStatus.StepLimitReached, $"The run reached its limit of {limits.MaxSteps} steps.", LimitKind.RunMaxSteps);
        }

        if (limits.TokenBudget is { } budget && state.TotalTokens >= budget)
        {
            return StepOutcome.Stop(RunStatus.BudgetExhausted, $"The run used {state.TotalTokens} tokens of its budget of {budget}.", LimitKind.RunTokenBudget);
        }

        if (limits.Deadline is { } deadline && cursor.DeadlinePassed(deadline))
        {
            return StepOutcome.Stop(RunStatus.DeadlineExceeded, $"The run passed its deadline of {deadline}.", LimitKind.RunDeadline);
        }

        return StepOutcome.Completed;
    }
}
