using System.Collections.Immutable;
using Baton.Orchestration.Turns;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration;

/// <summary>How one agent turn is run: which outputs the agent reads, a note for the turn, and where its output goes.</summary>
public sealed record AgentTurn
{
    /// <summary>Gets a turn that reads the agent's declared outputs and records its output under its own name.</summary>
    public static AgentTurn Default { get; } = new();

    /// <summary>Gets the outputs the agent reads this turn.</summary>
    /// <value>The default is <see langword="null"/>: the agent's <see cref="Agents.Agent.Reads"/>, or every output when that is unset.</value>
    public ImmutableArray<string>? Reads { get; init; }

    /// <summary>Gets a note for this turn only (a supervisor's context for the agent, a reviewer's feedback).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Note { get; init; }

    /// <summary>Gets the name to record the output under.</summary>
    /// <value>The default is <see langword="null"/>: the agent's <see cref="Agents.Agent.OutputName"/>.</value>
    public string? OutputName { get; init; }

    /// <summary>Gets whether the output is recorded in the context.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RecordOutput { get; init; } = true;

    /// <summary>Gets how the reply is read (its contract, its parser and how each attempt is journaled); <see langword="null"/> for the agent's output.</summary>
    internal ReplyReader? Reader { get; init; }

    /// <summary>Gets the messages to send, for turns whose prompt is not the agent's view of the context (a supervisor's decision): no handoff, view or budget.</summary>
    internal IList<ChatMessage>? Messages { get; init; }
}
