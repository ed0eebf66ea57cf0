using Baton.Agents;
using System.Collections.Immutable;

namespace Baton.Journal;

/// <summary>An agent's model call was about to be sent: what the agent saw.</summary>
public sealed record AgentCalled : JournalEvent
{
    /// <summary>Gets the attempt number within the step (1 for the first call; re-asks count up).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets the messages sent, exactly as the agent received them.</summary>
    public ImmutableArray<JournalMessage> Messages { get => field.IsDefault ? [] : field; init => field = value; } = [];

    /// <summary>Gets a hash of the request (messages and options) that identifies the call in replays.</summary>
    public required string RequestHash { get; init; }

    /// <summary>Gets the size of the agent's context in tokens, when a token counter is configured.</summary>
    public int? ContextTokens { get; init; }

    /// <summary>Gets the output-token limit sent with the call (<c>ChatOptions.MaxOutputTokens</c>).</summary>
    /// <value><see langword="null"/> in journals written before limits were sent.</value>
    public int? MaxOutputTokens { get; init; }

    /// <summary>
    /// Gets how the provider was asked to enforce the reply's JSON schema: the chat client's
    /// <see cref="ModelCapabilities.StructuredOutput"/> when a schema was requested, <c>none</c> when none was.
    /// </summary>
    /// <value>
    /// <see langword="null"/> in journals written before Baton recorded it; such calls were made with an earlier prompt
    /// layout, so a resume or replay matches them by step, agent and attempt rather than by <see cref="RequestHash"/>.
    /// </value>
    public StructuredOutputMechanism? StructuredOutput { get; init; }
}
