namespace Baton.Specs;

/// <summary>A flow step that runs one agent.</summary>
public sealed record AgentFlowSpec : FlowSpec
{
    /// <summary>Gets the agent's name.</summary>
    public required string Agent { get; init; }
}
