namespace Baton.Orleans;

/// <summary>An orchestration a silo can execute, registered under its name with a hash of its definition.</summary>
public sealed class RegisteredOrchestration
{
    private readonly Func<OrchestrationContext, Orchestration.Orchestration> _factory;
    private readonly Specs.PipelineSpec? _spec;
    private readonly string? _model;

    internal RegisteredOrchestration(string name, string definitionHash, string source, Func<OrchestrationContext, Orchestration.Orchestration> factory, Specs.PipelineSpec? spec = null, string? model = null)
    {
        Name = name;
        DefinitionHash = definitionHash;
        Source = source;
        _factory = factory;
        _spec = spec;
        _model = model;
    }

    /// <summary>Gets the orchestration's name, as runs record it on <c>run_started</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the hash of the orchestration's definition (the spec's SHA-256, or a fingerprint of a code orchestration's agents and prompts).</summary>
    public string DefinitionHash { get; }

    /// <summary>Gets where the registration came from (a spec file's path, or <c>code</c>), for error messages.</summary>
    public string Source { get; }

    /// <summary>Builds the orchestration for one execution of a run.</summary>
    /// <param name="context">The run's context.</param>
    /// <returns>The orchestration.</returns>
    /// <exception cref="InvalidOperationException">The factory built an orchestration with another name.</exception>
    public Orchestration.Orchestration Build(OrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orchestration = _factory(context);
        return orchestration.Name == Name
            ? orchestration
            : throw new InvalidOperationException($"The factory registered for orchestration '{Name}' built '{orchestration.Name}'; register it under the name its orchestration has.");
    }

    /// <summary>The options a run of this orchestration starts with: its definition hash on <c>run_started</c> (and, for a spec, where it came from).</summary>
    internal Orchestration.RunOptions RunOptions(string runId, Guards.RunLimits? limits) => new()
    {
        RunId = runId,
        Limits = limits,
        DefinitionHash = DefinitionHash,
        SpecPath = _spec?.FilePath,
        SpecHash = _spec?.ContentHash,
        Model = _model,
    };
}
