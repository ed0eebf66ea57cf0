namespace Baton.Specs;

/// <summary>A model as a spec names it: the reference and where it is written, so problems with it can point there.</summary>
/// <param name="Reference">The model.</param>
/// <param name="Location">Where the spec names it.</param>
public sealed record ModelSpec(ModelReference Reference, SourceLocation Location)
{
    /// <summary>Formats the model as <c>provider:model</c>.</summary>
    /// <returns>The reference's text.</returns>
    public override string ToString() => Reference.ToString();
}
