namespace Baton.Specs;

/// <summary>A name used in a spec (an output, an agent) with where it was written, so errors can point at it.</summary>
/// <param name="Name">The name.</param>
/// <param name="Location">Where the name is written.</param>
public readonly record struct NamedReference(string Name, SourceLocation Location)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
