using System.Collections.Immutable;
using Baton.Agents;

namespace Baton.Orchestration;

/// <summary>A step that runs one agent turn.</summary>
public sealed class AgentStep : Orchestration
{
    private readonly AgentTurn _turn;

    /// <summary>Creates a step for <paramref name="agent"/>, reading what the agent declares.</summary>
    /// <param name="agent">The agent.</param>
    public AgentStep(Agent agent)
        : this(agent, agent?.Reads)
    {
    }

    /// <summary>Creates a step for <paramref name="agent"/> that reads <paramref name="reads"/>.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="reads">The outputs to read; <see langword="null"/> for every output.</param>
    public AgentStep(Agent agent, ImmutableArray<string>? reads)
        : base(agent?.Name ?? throw new ArgumentNullException(nameof(agent)))
    {
        Agent = agent;
        Reads = reads;
        _turn = new AgentTurn { Reads = reads };
        Inputs = reads is { } r ? [.. r] : [];
        Outputs = [agent.OutputName];
    }

    /// <summary>Gets the agent.</summary>
    public Agent Agent { get; }

    /// <summary>Gets the outputs the agent reads in this step; <see langword="null"/> for every output.</summary>
    public ImmutableArray<string>? Reads { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Inputs { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Outputs { get; }

    /// <inheritdoc />
    public override IEnumerable<Agent> Agents => [Agent];

    /// <inheritdoc />
    public override async ValueTask<StepOutcome> ExecuteAsync(IRunContext run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = await run.RunTurnAsync(Agent, _turn, cancellationToken).ConfigureAwait(false);
        return result.Outcome;
    }
}
