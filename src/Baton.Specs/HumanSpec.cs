namespace Baton.Specs;

/// <summary>
/// How a person who stands where an agent stands is asked: the agent's <c>human:</c> block
/// (<c>human: { question: ..., assignee: support-leads, timeout: 4h }</c>). The agent's other keys (<c>reads</c>,
/// <c>writes</c>, <c>output</c>, <c>fallback</c>, <c>description</c>) apply to the person as to a model agent.
/// </summary>
/// <remarks>Compiles to <c>Baton.Humans.HumanParticipant</c>.</remarks>
public sealed record HumanSpec
{
    /// <summary>Gets where the <c>human:</c> block is written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Gets the question the person is asked.</summary>
    public required string Question { get; init; }

    /// <summary>Gets who is asked (a person, a group or a queue name), if the spec names one; else the agent's name.</summary>
    public string? Assignee { get; init; }

    /// <summary>Gets how long the run waits for the answer before the agent's fallback applies, if the spec sets it.</summary>
    public TimeSpan? Timeout { get; init; }
}
