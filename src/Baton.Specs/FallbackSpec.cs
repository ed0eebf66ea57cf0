namespace Baton.Specs;

/// <summary>
/// What produces an agent's output when the agent cannot: another model (<c>fallback: openai:gpt-4o-mini</c>),
/// another agent (<c>fallback: { agent: escalation }</c>) or a fixed answer (<c>fallback: { answer: "..." }</c>).
/// </summary>
public sealed record FallbackSpec
{
    /// <summary>Gets where the fallback is declared.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Gets the model to send the same call to, for a model fallback.</summary>
    public ModelSpec? Model { get; init; }

    /// <summary>Gets the agent that takes over the step, for an agent fallback.</summary>
    public NamedReference? Agent { get; init; }

    /// <summary>Gets the fixed answer to record, for an answer fallback.</summary>
    public string? Answer { get; init; }
}
