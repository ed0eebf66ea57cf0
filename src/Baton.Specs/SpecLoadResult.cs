namespace Baton.Specs;

/// <summary>The outcome of loading a spec: the spec, or every problem found in it.</summary>
public sealed class SpecLoadResult
{
    internal SpecLoadResult(PipelineSpec? spec, IReadOnlyList<SpecDiagnostic> diagnostics)
    {
        Spec = diagnostics.Count == 0 ? spec : null;
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the spec when it has no problems; otherwise <see langword="null"/>.</summary>
    public PipelineSpec? Spec { get; }

    /// <summary>Gets every problem found, in file order.</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }

    /// <summary>Gets whether the spec has no problems.</summary>
    public bool IsValid => Spec is not null;
}
