using System.Collections.Immutable;
using Baton.Agents;
using Baton.Context;
using Baton.Orchestration;

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

    /// <summary>Gets the session, for strategies that call a model (their calls are journaled and replayed like any other).</summary>
    public required RunSession Session { get; init; }

    /// <summary>Measures a view as the agent would receive it: its instructions plus the rendered prompt.</summary>
    /// <param name="view">The view.</param>
    /// <returns>The size in tokens.</returns>
    public int Measure(AgentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ContextBudgeting.Measure(TokenCounter, Agent, view);
    }
}
