using System.Collections.Immutable;
using Baton.Guards;

namespace Baton.Journal;

/// <summary>An orchestration's own guard (step limit, round limit, loop detection, unusable decisions) stopped it, and what it fell back to.</summary>
public sealed record GuardTriggered : JournalEvent
{
    /// <summary>Gets the orchestration whose guard triggered.</summary>
    public required string Orchestration { get; init; }

    /// <summary>Gets the guard: <c>step_limit</c>, <c>round_limit</c>, <c>loop</c>, <c>invalid_decision</c>, <c>token_budget</c> or <c>deadline</c>.</summary>
    public required GuardKind Guard { get; init; }

    /// <summary>Gets the configured limit that triggered the guard, when it was a limit (so tools can name the setting to change).</summary>
    /// <value><see langword="null"/> for loop detection, and in journals written before limits were recorded.</value>
    public LimitKind? Limit { get; init; }

    /// <summary>Gets the status the run ends with.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Gets why the guard triggered, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the repeated routing cycle, for the <c>loop</c> guard.</summary>
    public ImmutableArray<string> Cycle { get => field.IsDefault ? [] : field; init => field = value; } = [];

    /// <summary>Gets the declared fallback applied: <c>fail</c>, <c>fixed_answer</c> or <c>agent:&lt;name&gt;</c>.</summary>
    public required string Fallback { get; init; }
}
