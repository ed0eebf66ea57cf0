namespace Baton.Specs;

/// <summary>A position in a spec file: the file as the user named it, and the 1-based line and column.</summary>
/// <param name="File">The file path as given (relative paths stay relative, so messages match what the user typed).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>Formats the location as <c>file:line:column</c>, the form editors and terminals link to.</summary>
    /// <returns>The location.</returns>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
