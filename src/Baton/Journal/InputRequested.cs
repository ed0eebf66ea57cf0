using System.Text.Json;
using Baton.Context;
using Baton.Humans;

namespace Baton.Journal;

/// <summary>
/// A person was asked for input: who, the question, the view of the context they answer from, the answer the turn
/// takes (and the contract it must satisfy), and when the wait times out. <see cref="JournalEvent.Agent"/> is the
/// person's agent name. Until an <see cref="InputProvided"/> or <see cref="InputTimedOut"/> follows, the run waits.
/// </summary>
public sealed record InputRequested : JournalEvent
{
    /// <summary>Gets who is asked: a person, a group or a queue name (<see cref="HumanParticipant.Assignee"/>, else the agent's name).</summary>
    public required string Assignee { get; init; }

    /// <summary>Gets the question.</summary>
    public required string Question { get; init; }

    /// <summary>Gets the view the person answers from: task, intent, constraints, completed steps, the outputs they read and the turn's note.</summary>
    public required AgentView View { get; init; }

    /// <summary>Gets what kind of answer the turn takes.</summary>
    public HumanInputKind Expects { get; init; }

    /// <summary>Gets the name of the output contract the answer must satisfy, if any.</summary>
    public string? Contract { get; init; }

    /// <summary>Gets the contract's JSON schema, if any (for a form or a check before answering).</summary>
    public JsonElement? Schema { get; init; }

    /// <summary>Gets how long the run waits (<see cref="HumanParticipant.Timeout"/>), if it is bounded.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets when the wait times out and the agent's fallback applies, if it is bounded.</summary>
    public DateTimeOffset? DueAt { get; init; }
}
