namespace Baton.Specs;

/// <summary>A producer and a reviewer: the reviewer approves (<c>APPROVED:</c>) or asks for a revision (<c>REVISE:</c>).</summary>
public sealed record ReviewLoopFlowSpec : FlowSpec
{
    /// <summary>Gets the producing agent's name, with its location.</summary>
    public required NamedReference Producer { get; init; }

    /// <summary>Gets the reviewing agent's name, with its location.</summary>
    public required NamedReference Reviewer { get; init; }

    /// <summary>Gets the maximum number of review rounds, if the spec sets one.</summary>
    public int? MaxRounds { get; init; }
}
