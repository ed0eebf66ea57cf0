namespace Baton.Specs;

/// <summary>Options for building an orchestration from a spec.</summary>
public sealed record SpecCompileOptions
{
    /// <summary>Gets the model every agent uses, overriding the spec (the command line's <c>--model</c>).</summary>
    /// <value>The default is <see langword="null"/>: each agent's model, else the spec's, else <see cref="DefaultModel"/>.</value>
    public ModelReference? ModelOverride { get; init; }

    /// <summary>Gets the model for agents the spec names none for.</summary>
    /// <value>The default is <c>rehearsal</c>: placeholder outputs shaped by each agent's output contract, no tokens spent.</value>
    public ModelReference DefaultModel { get; init; } = ModelReference.Rehearsal;
}
