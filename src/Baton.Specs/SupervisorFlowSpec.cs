using System.Collections.Immutable;

namespace Baton.Specs;

/// <summary>A supervisor agent that routes the task to specialist agents, step after step, until it is done.</summary>
/// <remarks>Written <c>supervisor: { supervisor: a, specialists: [b, c], max_steps: 5 }</c>; the older keys <c>workers</c> and <c>max_rounds</c> are read too.</remarks>
public sealed record SupervisorFlowSpec : FlowSpec
{
    /// <summary>Gets the supervisor agent's name, with its location.</summary>
    public required NamedReference Supervisor { get; init; }

    /// <summary>Gets the specialists the supervisor may route to (<c>specialists</c>, as on <c>SupervisorOrchestration</c>).</summary>
    public required ImmutableArray<NamedReference> Specialists { get; init; }

    /// <summary>Gets the most routing steps (<c>max_steps</c>, <c>SupervisorOptions.MaxSteps</c>), if the spec sets it.</summary>
    public int? MaxSteps { get; init; }
}
