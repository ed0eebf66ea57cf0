namespace Baton.Testing;

/// <summary>A model call that failed in the recorded run, failing again the same way in the replay.</summary>
public sealed class ReplayedFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayedFailureException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ReplayedFailureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ReplayedFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a recorded failure.</summary>
    /// <param name="errorType">The recorded error type.</param>
    /// <param name="message">The recorded message.</param>
    public ReplayedFailureException(string errorType, string message)
        : base($"{errorType}: {message}")
    {
        ErrorType = errorType;
    }

    /// <summary>Gets the error type the recording holds (for example <c>TimeoutException</c>).</summary>
    public string? ErrorType { get; }
}
