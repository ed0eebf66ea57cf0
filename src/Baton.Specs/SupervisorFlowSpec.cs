using System.Collections.Immutable;

namespace Baton.Specs;

/// <summary>A supervisor agent that routes the task to worker agents, round after round, until it is done.</summary>
public sealed record SupervisorFlowSpec : FlowSpec
{
    /// <summary>Gets the supervisor agent's name, with its location.</summary>
    public required NamedReference Supervisor { get; init; }

    /// <summary>Gets the workers the supervisor may route to.</summary>
    public required ImmutableArray<NamedReference> Workers { get; init; }

    /// <summary>Gets the maximum number of routing rounds, if the spec sets one.</summary>
    public int? MaxRounds { get; init; }
}
