namespace Baton.Orleans;

/// <summary>
/// An error a silo met while it handled a run, carried to the client as its type's name and its message: the
/// original exception (a store's, PostgreSQL's, a replay's) cannot cross the wire as itself.
/// </summary>
/// <remarks>
/// <see cref="BatonClusterClient"/> turns the errors Baton knows back into their own types before its caller sees
/// them (for example <see cref="Journal.RunStoreUnavailableException"/> for PostgreSQL's errors, or
/// <see cref="Orchestration.ReplayMismatchException"/>), with this exception as their inner exception; any other error
/// reaches the caller as this exception. The message is the original one with any password in it masked.
/// </remarks>
[GenerateSerializer]
[Alias("baton.ClusterRunException")]
public sealed class ClusterRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterRunException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ClusterRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ClusterRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error a silo met.</summary>
    /// <param name="errorType">The full name of the original exception's type.</param>
    /// <param name="message">The original message, passwords masked.</param>
    /// <param name="runId">The run the error concerns, if it concerns one.</param>
    public ClusterRunException(string errorType, string message, string? runId)
        : base(message)
    {
        ErrorType = errorType;
        RunId = runId;
    }

    /// <summary>Gets the full name of the original exception's type (for example <c>Npgsql.PostgresException</c>).</summary>
    [Id(0)]
    public string ErrorType { get; private set; } = string.Empty;

    /// <summary>Gets the run the error concerns, if it concerns one.</summary>
    [Id(1)]
    public string? RunId { get; private set; }
}
