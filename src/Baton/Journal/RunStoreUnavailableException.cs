namespace Baton.Journal;

/// <summary>
/// The store itself cannot be used: its file is read-only, missing, a directory, truncated, not a database, or
/// another program's database; or its server refused the connection. The message names the location and what to do.
/// </summary>
public sealed class RunStoreUnavailableException : RunStoreException
{
    /// <summary>Creates the exception.</summary>
    public RunStoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public RunStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public RunStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a store location.</summary>
    /// <param name="location">The store's file path, or its server without the password.</param>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public RunStoreUnavailableException(string location, string message, Exception? innerException)
        : base(null, message, innerException)
    {
        Location = location;
    }

    /// <summary>Gets the store's location: its file path, or its server (without the password).</summary>
    public string? Location { get; }
}
