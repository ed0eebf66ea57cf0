namespace Baton.Testing;

/// <summary>A fixture file could not be read: the message names the file, the JSON path and how to fix it.</summary>
public sealed class HandoffFixtureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HandoffFixtureException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public HandoffFixtureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HandoffFixtureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at a place in a fixture file.</summary>
    /// <param name="file">The file (or a label for JSON given in code).</param>
    /// <param name="jsonPath">The JSON path of the problem, for example <c>$.outputs.research</c>.</param>
    /// <param name="problem">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public HandoffFixtureException(string file, string jsonPath, string problem, Exception? innerException = null)
        : base($"{file}: {jsonPath}: {problem}", innerException)
    {
        File = file;
        JsonPath = jsonPath;
    }

    /// <summary>Gets the file the problem is in, when known.</summary>
    public string? File { get; }

    /// <summary>Gets the JSON path of the problem, when known.</summary>
    public string? JsonPath { get; }
}
