namespace Baton.Journal;

/// <summary>
/// A run store could not do what was asked: the base of every error a store reports on purpose, so a caller (the
/// CLI, a worker) can print <see cref="Exception.Message"/> as one line and keep going with other runs.
/// </summary>
/// <remarks>
/// The derived types say what went wrong: <see cref="JournalConcurrencyException"/> (another writer advanced the
/// run), <see cref="LeaseLostException"/> (a newer execution holds the run), <see cref="UnreadableJournalException"/>
/// (a stored row cannot be read) and <see cref="RunStoreUnavailableException"/> (the store itself cannot be used).
/// Messages name the run (and the sequence) or the store's location, and say what to do.
/// </remarks>
public class RunStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public RunStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public RunStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one run.</summary>
    /// <param name="runId">The run concerned.</param>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public RunStoreException(string? runId, string message, Exception? innerException)
        : base(message, innerException)
    {
        RunId = runId;
    }

    /// <summary>Gets the run the error concerns, if it concerns one.</summary>
    public string? RunId { get; }
}
