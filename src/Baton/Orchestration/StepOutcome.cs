using Baton.Guards;

namespace Baton.Orchestration;

/// <summary>
/// What an orchestration (or one of its steps) ended with: continue normally, or stop the run with a status and
/// a reason. Outcomes are values; exceptions are kept for bugs and misuse.
/// </summary>
/// <param name="Status">The status; <see cref="RunStatus.Completed"/> means "done, carry on".</param>
/// <param name="Reason">Why, in words, for any status other than <see cref="RunStatus.Completed"/>.</param>
public readonly record struct StepOutcome(RunStatus Status, string? Reason)
{
    /// <summary>Gets the outcome of a step that finished normally.</summary>
    public static StepOutcome Completed { get; } = new(RunStatus.Completed, null);

    /// <summary>Gets whether the step finished normally (the enclosing orchestration carries on).</summary>
    public bool IsCompleted => Status == RunStatus.Completed;

    /// <summary>Gets the configured limit that stopped the run, when one did (recorded on <see cref="Journal.RunEnded.Limit"/>).</summary>
    public LimitKind? Limit { get; init; }

    /// <summary>Creates an outcome that stops the run.</summary>
    /// <param name="status">Why the run stops.</param>
    /// <param name="reason">The reason in words.</param>
    /// <returns>The outcome.</returns>
    public static StepOutcome Stop(RunStatus status, string reason) => new(status, reason);

    /// <summary>Creates an outcome that stops the run because a configured limit was reached.</summary>
    /// <param name="status">Why the run stops.</param>
    /// <param name="reason">The reason in words, naming the limit's value but not a C# option (tools name the setting from <paramref name="limit"/>).</param>
    /// <param name="limit">The limit reached.</param>
    /// <returns>The outcome.</returns>
    public static StepOutcome Stop(RunStatus status, string reason, LimitKind? limit) => new(status, reason) { Limit = limit };
}
