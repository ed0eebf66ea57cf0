namespace Baton.Specs;

/// <summary>One problem in a spec: where it is and what to do about it.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">What is wrong and how to fix it, in one or two sentences.</param>
public sealed record SpecDiagnostic(SourceLocation Location, string Message)
{
    /// <summary>Formats the problem as <c>file:line:column: message</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => $"{Location}: {Message}";
}
