using Baton.Guards;

namespace Baton.Orchestration;

/// <summary>Options for one run.</summary>
public sealed record RunOptions
{
    /// <summary>Gets the run id to use.</summary>
    /// <value>The default is <see langword="null"/>: the runner's <see cref="HandoffRunnerOptions.RunIdFactory"/> makes one.</value>
    public string? RunId { get; init; }

    /// <summary>Gets the limits for this run.</summary>
    /// <value>The default is <see langword="null"/>: the runner's <see cref="HandoffRunnerOptions.Limits"/>.</value>
    public RunLimits? Limits { get; init; }

    /// <summary>
    /// Gets a stable hash of the orchestration's definition, recorded on <see cref="Journal.RunStarted.DefinitionHash"/>
    /// so a worker that rebuilds the orchestration by name can tell whether it has the version the run started with.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="SpecHash"/> is recorded (a spec's text defines its orchestration), or nothing.</value>
    public string? DefinitionHash { get; init; }

    /// <summary>Gets the path of the spec file the run is started from, recorded on <see cref="Journal.RunStarted.SpecPath"/>.</summary>
    /// <value>The default is <see langword="null"/>: not started from a spec file.</value>
    public string? SpecPath { get; init; }

    /// <summary>Gets the SHA-256 of the spec file's text, recorded on <see cref="Journal.RunStarted.SpecHash"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? SpecHash { get; init; }

    /// <summary>Gets the model override the run is started with (for example <c>openai:gpt-4o-mini</c>), recorded on <see cref="Journal.RunStarted.Model"/>.</summary>
    /// <value>The default is <see langword="null"/>: the models the orchestration's agents were built with.</value>
    public string? Model { get; init; }
}
