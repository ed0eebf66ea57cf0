namespace Baton.Specs;

/// <summary>How a spec orchestrates its agents: one agent, a sequence, a supervisor or a review loop, nested freely.</summary>
public abstract record FlowSpec
{
    /// <summary>Gets where the flow is declared.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Gets the flow's name, if the spec gives one.</summary>
    public string? Name { get; init; }
}
