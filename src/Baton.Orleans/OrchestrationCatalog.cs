using Baton.Specs;

namespace Baton.Orleans;

/// <summary>The orchestrations a silo can execute, by name: registered in code or from YAML specs.</summary>
/// <remarks>
/// Every silo that may execute a run must register the run's orchestration under the same name and, when the run
/// records a definition hash, in the same version. Register everything before the silo starts; the catalog is
/// read-only once the silo runs.
/// </remarks>
public sealed class OrchestrationCatalog
{
    private readonly Dictionary<string, RegisteredOrchestration> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets the registered orchestrations.</summary>
    public IReadOnlyCollection<RegisteredOrchestration> Registered => _entries.Values;

    /// <summary>Registers an orchestration instance shared by every run (its agents' clients are not decorated per run, so a long provider back-off does not park it).</summary>
    /// <param name="orchestration">The orchestration.</param>
    /// <param name="definitionHash">Its version; <see langword="null"/> to fingerprint its agents, prompts and structure.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="ArgumentException">An orchestration with that name is registered already.</exception>
    public RegisteredOrchestration Add(Orchestration.Orchestration orchestration, string? definitionHash = null)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        return Register(new RegisteredOrchestration(orchestration.Name, definitionHash ?? OrchestrationFingerprint.Compute(orchestration), "code", _ => orchestration));
    }

    /// <summary>Registers an orchestration built for each execution of a run, so its agents' clients can be decorated with <see cref="OrchestrationContext.Decorate"/>.</summary>
    /// <param name="name">The orchestration's name (the factory must build an orchestration with this name).</param>
    /// <param name="factory">Builds the orchestration; called once here to fingerprint it, then once per execution.</param>
    /// <param name="definitionHash">Its version; <see langword="null"/> to fingerprint what the factory builds.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="ArgumentException">An orchestration with that name is registered already.</exception>
    public RegisteredOrchestration Add(string name, Func<OrchestrationContext, Orchestration.Orchestration> factory, string? definitionHash = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        var registration = new RegisteredOrchestration(name, definitionHash ?? string.Empty, "code", factory);
        var probe = registration.Build(new OrchestrationContext("definition-probe", static client => client));
        return Register(new RegisteredOrchestration(name, definitionHash ?? OrchestrationFingerprint.Compute(probe), "code", factory));
    }

    /// <summary>Registers a YAML spec's orchestration; its definition hash is the spec's SHA-256 (with the model override, if any).</summary>
    /// <param name="spec">A spec loaded by <see cref="SpecLoader"/>.</param>
    /// <param name="resolver">Turns the spec's model references into chat clients (each resolved once, then decorated per run).</param>
    /// <param name="options">The compile options; <see langword="null"/> for the defaults.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="SpecCompilationException">The spec cannot be compiled (for example, a model is not configured).</exception>
    /// <exception cref="ArgumentException">An orchestration with that name is registered already.</exception>
    public RegisteredOrchestration AddSpec(PipelineSpec spec, IModelResolver resolver, SpecCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(resolver);
        var shared = new CachingModelResolver(resolver);
        var probe = SpecCompiler.Compile(spec, shared, options);
        var hash = options?.ModelOverride is { } model ? $"{spec.ContentHash}+{model}" : spec.ContentHash;
        return Register(new RegisteredOrchestration(
            probe.Name,
            hash,
            spec.FilePath,
            context => SpecCompiler.Compile(spec, new DecoratingModelResolver(shared, context), options),
            spec,
            options?.ModelOverride?.ToString()));
    }

    /// <summary>Registers every spec (<c>*.yaml</c>, <c>*.yml</c>) in a folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="resolver">Turns the specs' model references into chat clients.</param>
    /// <param name="options">The compile options; <see langword="null"/> for the defaults.</param>
    /// <returns>The registrations.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="SpecCompilationException">A spec is not valid or cannot be compiled; the message lists every error with its file and line.</exception>
    public IReadOnlyList<RegisteredOrchestration> AddSpecs(string directory, IModelResolver resolver, SpecCompileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The specs folder '{directory}' does not exist.");
        }

        var files = Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml")).Order(StringComparer.Ordinal).ToList();
        var diagnostics = new List<SpecDiagnostic>();
        var added = new List<RegisteredOrchestration>();
        foreach (var file in files)
        {
            var loaded = SpecLoader.LoadFile(file);
            if (loaded.Spec is not { } spec)
            {
                diagnostics.AddRange(loaded.Diagnostics);
                continue;
            }

            added.Add(AddSpec(spec, resolver, options));
        }

        return diagnostics.Count > 0 ? throw new SpecCompilationException(diagnostics) : added;
    }

    /// <summary>Finds a registration by name.</summary>
    /// <param name="name">The orchestration's name.</param>
    /// <param name="registration">The registration, when found.</param>
    /// <returns>Whether the orchestration is registered.</returns>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredOrchestration? registration) =>
        _entries.TryGetValue(name, out registration);

    internal RegisteredOrchestration Resolve(string runId, string name, string? definitionHash, string silo)
    {
        if (!_entries.TryGetValue(name, out var registration))
        {
            var known = _entries.Count == 0 ? "none" : string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
            throw new OrchestrationUnavailableException(
                $"Silo {silo} cannot execute run '{runId}': orchestration '{name}' is not registered here (registered: {known}). " +
                "Start the worker with the spec that defines it (baton worker --specs DIR) or register it in AddBaton; the run is unchanged.");
        }

        if (definitionHash is not null && !string.Equals(definitionHash, registration.DefinitionHash, StringComparison.Ordinal))
        {
            throw new OrchestrationUnavailableException(
                $"Silo {silo} cannot execute run '{runId}': the run needs orchestration '{name}' with definition hash {definitionHash}, " +
                $"but this silo registered {registration.DefinitionHash} (from {registration.Source}). Deploy the same spec or code to this worker; the run is unchanged.");
        }

        return registration;
    }

    private RegisteredOrchestration Register(RegisteredOrchestration registration)
    {
        if (!_entries.TryAdd(registration.Name, registration))
        {
            throw new ArgumentException(
                $"An orchestration named '{registration.Name}' is registered already (from {_entries[registration.Name].Source}); give each orchestration a unique name.",
                nameof(registration));
        }

        return registration;
    }
}
