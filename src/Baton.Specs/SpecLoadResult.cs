namespace Baton.Specs;

/// <summary>The outcome of loading a spec: the spec, or every problem found in it.</summary>
public sealed class SpecLoadResult
{
    internal SpecLoadResult(PipelineSpec? spec, IReadOnlyList<SpecDiagnostic> diagnostics, IReadOnlyList<SpecDiagnostic>? warnings = null)
    {
        Spec = diagnostics.Count == 0 ? spec : null;
        Diagnostics = diagnostics;
        Warnings = warnings ?? [];
    }

    /// <summary>Gets the spec when it has no problems; otherwise <see langword="null"/>.</summary>
    public PipelineSpec? Spec { get; }

    /// <summary>Gets every problem found, in file order.</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }

    /// <summary>Gets what is accepted but should change (a deprecated key), in file order; warnings never make a spec invalid.</summary>
    public IReadOnlyList<SpecDiagnostic> Warnings { get; }

    /// <summary>Gets whether the spec has no problems.</summary>
    public bool IsValid => Spec is not null;
}
