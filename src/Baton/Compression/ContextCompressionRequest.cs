using System.Collections.Immutable;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Microsoft.Extensions.AI;

namespace Baton.Compression;

/// <summary>What an <see cref="IContextCompressor"/> is asked to compress: an agent's view, its budget and how to measure it.</summary>
public sealed class ContextCompressionRequest
{
    /// <summary>Gets the agent the view is for.</summary>
    public required Agent Agent { get; init; }

    /// <summary>Gets the step the view is for.</summary>
    public required int Step { get; init; }

    /// <summary>Gets the view to compress.</summary>
    public required AgentView View { get; init; }

    /// <summary>Gets the budget the compressed view should fit, in tokens (instructions plus view).</summary>
    public required int Budget { get; init; }

    /// <summary>Gets the token counter.</summary>
    public required ITokenCounter TokenCounter { get; init; }

    /// <summary>Gets the outputs the agent asked to read this turn (<see langword="null"/> when it reads the default set); these are the most relevant.</summary>
    public ImmutableArray<string>? Reads { get; init; }

    /// <summary>Gets how this request's model calls are made (journaled in the run, replayed on resume); none outside a run.</summary>
    internal Func<Agent, IList<ChatMessage>, CancellationToken, ValueTask<AgentAnswered?>>? ModelCalls { get; init; }

    /// <summary>
    /// Sends one model call as <paramref name="agent"/>, for strategies that call a model (a summarizer). The call is
    /// journaled in the run as a call of that agent in <see cref="Step"/> and is replayed, never re-sent, when the run
    /// resumes, like any other call.
    /// </summary>
    /// <param name="agent">The agent that makes the call (its client and chat options are used).</param>
    /// <param name="messages">The messages to send.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The recorded answer, or <see langword="null"/> when the call failed (or the request is not part of a run).</returns>
    public ValueTask<AgentAnswered?> CallModelAsync(Agent agent, IList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(messages);
        return ModelCalls is null ? ValueTask.FromResult<AgentAnswered?>(null) : ModelCalls(agent, messages, cancellationToken);
    }

    /// <summary>Measures a view as the agent would receive it: its instructions plus the rendered prompt.</summary>
    /// <param name="view">The view.</param>
    /// <returns>The size in tokens.</returns>
    public int Measure(AgentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ContextBudgeting.Measure(TokenCounter, Agent, view);
    }
}
