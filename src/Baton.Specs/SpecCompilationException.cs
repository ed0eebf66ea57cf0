namespace Baton.Specs;

/// <summary>A valid-looking spec could not be turned into an orchestration; every problem is listed with its location.</summary>
public sealed class SpecCompilationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpecCompilationException()
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public SpecCompilationException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SpecCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception for located problems.</summary>
    /// <param name="diagnostics">The problems.</param>
    public SpecCompilationException(IReadOnlyList<SpecDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics ?? throw new ArgumentNullException(nameof(diagnostics))))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the located problems (empty when the problem has no location in the spec).</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }
}
