namespace Baton.Validation;

/// <summary>One reason an agent's output broke its contract: where in the output, and what is wrong.</summary>
/// <param name="Path">The JSON Pointer of the offending value in the output (<c>""</c> for the whole output, <c>/facts/0/source</c> for a nested one).</param>
/// <param name="Message">What is wrong, in words the model can act on.</param>
public sealed record OutputValidationError(string Path, string Message)
{
    /// <summary>Returns the error as <c>path: message</c>, naming the root <c>(root)</c>.</summary>
    /// <returns>The error in one line.</returns>
    public override string ToString() => $"{(Path.Length == 0 ? "(root)" : Path)}: {Message}";
}
