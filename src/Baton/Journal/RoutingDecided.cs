namespace Baton.Journal;

/// <summary>
/// A supervisor's routing decision (one per attempt): the agent it chose, the context it gave that agent and its
/// reasoning, or why its reply could not be used. <see cref="JournalEvent.Agent"/> is the supervisor agent.
/// </summary>
public sealed record RoutingDecided : JournalEvent
{
    /// <summary>Gets the supervisor orchestration that decided.</summary>
    public required string Supervisor { get; init; }

    /// <summary>Gets the attempt within the step (1 for the first answer; re-asks count up).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets the chosen agent, <c>DONE</c> when the supervisor finished, or <see langword="null"/> when the reply was unusable.</summary>
    public string? NextAgent { get; init; }

    /// <summary>Gets the context the supervisor gave the chosen agent.</summary>
    public string? ContextForAgent { get; init; }

    /// <summary>Gets the supervisor's reasoning.</summary>
    public string? Reasoning { get; init; }

    /// <summary>Gets why the reply could not be used, when it could not.</summary>
    public string? ParseError { get; init; }

    /// <summary>Gets how many specialist steps the supervisor had routed before this decision.</summary>
    public int RoutedSteps { get; init; }
}
