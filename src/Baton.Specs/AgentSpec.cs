using System.Collections.Immutable;

namespace Baton.Specs;

/// <summary>An agent as a spec declares it.</summary>
public sealed record AgentSpec
{
    /// <summary>Gets the agent's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets where the agent is declared.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Gets the agent's instructions (its system prompt).</summary>
    public string Instructions { get; init; } = string.Empty;

    /// <summary>Gets a one-line description shown to supervisors, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the model the agent uses, if the spec names one for it.</summary>
    public ModelSpec? Model { get; init; }

    /// <summary>Gets what produces the output when the agent fails, if anything.</summary>
    public FallbackSpec? Fallback { get; init; }

    /// <summary>Gets how many times the agent is asked again after an unusable or invalid reply, if the spec sets it.</summary>
    public int? MaxReasks { get; init; }

    /// <summary>Gets the most tokens the agent's prompt may have before its view is compressed, if the spec sets it.</summary>
    public int? ContextBudget { get; init; }

    /// <summary>Gets the most tokens the model may generate for one reply (<c>max_output_tokens</c>, <c>Agent.MaxOutputTokens</c>), if the spec sets it.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>
    /// Gets the longest one model call of this agent may take before it is cancelled and retried as a transient
    /// failure: the agent's <c>attempt_timeout</c>, else the spec's <c>limits.attempt_timeout</c>, else
    /// <see langword="null"/> (the model resolver's default).
    /// </summary>
    /// <remarks>
    /// <see cref="IModelResolver"/> receives the agent with this value, so a resolver that adds resilience middleware
    /// applies it there (the <c>baton</c> CLI's resolver sets <c>ChatResilienceOptions.AttemptTimeout</c>).
    /// </remarks>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Gets the outputs the agent reads; <see langword="null"/> for the orchestration's default.</summary>
    public ImmutableArray<NamedReference>? Reads { get; init; }

    /// <summary>Gets the name of the output the agent writes, if it is not the agent's name.</summary>
    public string? Writes { get; init; }

    /// <summary>Gets the name of the output the agent writes: <see cref="Writes"/> or its name.</summary>
    public string OutputName => Writes ?? Name;

    /// <summary>Gets the agent's output contract.</summary>
    public OutputContractSpec Output { get; init; } = OutputContractSpec.Text;

    /// <summary>Gets how the person who answers this agent is asked (<c>human:</c>), or <see langword="null"/> for a model agent.</summary>
    public HumanSpec? Human { get; init; }

    /// <summary>Gets the approval gate on the agent's output (<c>approve:</c>), if any.</summary>
    public ApprovalSpec? Approve { get; init; }
}
