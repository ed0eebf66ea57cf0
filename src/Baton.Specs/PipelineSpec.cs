using System.Collections.Immutable;

namespace Baton.Specs;

/// <summary>A pipeline spec: the agents, how they are orchestrated, the default task and the run's limits.</summary>
/// <remarks>Immutable. Build one with <see cref="SpecLoader"/>, which checks it and reports every problem with its location.</remarks>
public sealed record PipelineSpec
{
    /// <summary>Gets the path of the spec file as the user named it.</summary>
    public required string FilePath { get; init; }

    /// <summary>Gets the directory that relative paths in the spec (schema files, GGUF models) are resolved against.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Gets the SHA-256 of the spec file's text (lower-case hex), to tell whether a spec changed since a run.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Gets the spec's name (the orchestration's name when the flow does not name itself).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the default task, if the spec gives one.</summary>
    public string? Task { get; init; }

    /// <summary>Gets the one-line intent, if the spec gives one.</summary>
    public string? Intent { get; init; }

    /// <summary>Gets the constraints every agent must respect.</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets the default model for agents that do not name one, if the spec gives one.</summary>
    public ModelSpec? Model { get; init; }

    /// <summary>Gets the run's limits.</summary>
    public required Guards.RunLimits Limits { get; init; }

    /// <summary>Gets the run-wide per-attempt model-call timeout (<c>limits.attempt_timeout</c>), if the spec sets one.</summary>
    /// <remarks>Already applied to every agent that sets none of its own (<see cref="AgentSpec.AttemptTimeout"/>).</remarks>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Gets the agents, in file order.</summary>
    public required ImmutableArray<AgentSpec> Agents { get; init; }

    /// <summary>Gets the orchestration.</summary>
    public required FlowSpec Flow { get; init; }

    /// <summary>Finds an agent by name.</summary>
    /// <param name="name">The agent's name.</param>
    /// <returns>The agent, or <see langword="null"/>.</returns>
    public AgentSpec? FindAgent(string name) => Agents.FirstOrDefault(a => a.Name == name);
}
