using System.Collections.Immutable;

namespace Baton.Specs;

/// <summary>Steps that run one after another (handoff model 1).</summary>
public sealed record SequentialFlowSpec : FlowSpec
{
    /// <summary>Gets the steps, in order.</summary>
    public required ImmutableArray<FlowSpec> Steps { get; init; }
}
