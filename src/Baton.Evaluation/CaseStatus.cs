namespace Baton.Evaluation;

/// <summary>The status names an evaluation reports for a case's run: every <see cref="RunStatus"/> in snake case, plus <see cref="Rejected"/> and <see cref="Error"/>.</summary>
public static class CaseStatus
{
    /// <summary>The run was refused before it started (for example, its task is empty), so there is no journal.</summary>
    public const string Rejected = "rejected";

    /// <summary>The runner threw instead of ending the run (for example, a store failure), or a replayed run was not found.</summary>
    public const string Error = "error";

    /// <summary>Gets every status name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<RunStatus>().Select(Of), Rejected, Error];

    /// <summary>Gets the name of a run status: <c>completed</c>, <c>step_limit_reached</c>, …</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Completed => "completed",
        RunStatus.Failed => "failed",
        RunStatus.Cancelled => "cancelled",
        RunStatus.StepLimitReached => "step_limit_reached",
        RunStatus.RoundLimitReached => "round_limit_reached",
        RunStatus.LoopDetected => "loop_detected",
        RunStatus.BudgetExhausted => "budget_exhausted",
        RunStatus.DeadlineExceeded => "deadline_exceeded",
        RunStatus.AwaitingInput => "awaiting_input",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Normalizes a status name as a user may write it (<c>StepLimitReached</c>, <c>step-limit-reached</c>) to its reported form.</summary>
    /// <param name="text">The text.</param>
    /// <param name="status">The reported name, when known.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> names a status.</returns>
    public static bool TryNormalize(string? text, out string status)
    {
        var key = Key(text);
        status = All.FirstOrDefault(s => Key(s) == key) ?? string.Empty;
        return status.Length > 0;
    }

    private static string Key(string? text) =>
        new((text ?? string.Empty).Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
}
