namespace Baton.Specs;

/// <summary>A writer and a reviewer: the reviewer approves (<c>APPROVED:</c>) or asks for a revision (<c>REVISE:</c>).</summary>
/// <remarks>Written <c>review_loop: { writer: a, reviewer: b, max_rounds: 3 }</c>; the older key <c>producer</c> is read too.</remarks>
public sealed record ReviewLoopFlowSpec : FlowSpec
{
    /// <summary>Gets the writing agent's name (<c>writer</c>, as on <c>ReviewLoop</c>), with its location.</summary>
    public required NamedReference Writer { get; init; }

    /// <summary>Gets the reviewing agent's name, with its location.</summary>
    public required NamedReference Reviewer { get; init; }

    /// <summary>Gets the maximum number of review rounds (<c>max_rounds</c>, <c>ReviewLoopOptions.MaxRounds</c>), if the spec sets it.</summary>
    public int? MaxRounds { get; init; }
}
