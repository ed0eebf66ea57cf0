namespace Baton.Journal;

/// <summary>
/// A journal append found a different number of events than expected, or different events at the positions it
/// wrote: another worker advanced the run. The append stored nothing.
/// </summary>
/// <remarks>
/// A worker that gets this exception lost the run: it must stop, not retry. To continue the run, read its journal
/// again and resume it (which takes a new lease). <see cref="LeaseLostException"/> is the case where the other worker
/// is a newer execution of the run that took over its lease.
/// </remarks>
public class JournalConcurrencyException : RunStoreException
{
    /// <summary>Creates the exception.</summary>
    public JournalConcurrencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public JournalConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public JournalConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause, if any.</param>
    public JournalConcurrencyException(string runId, string message, Exception? innerException)
        : base(runId, message, innerException)
    {
    }

    /// <summary>Creates the exception for a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="expected">The number of events the writer expected.</param>
    /// <param name="actual">The number the store holds.</param>
    /// <returns>The exception.</returns>
    public static JournalConcurrencyException For(string runId, long expected, long actual) =>
        new(runId, $"Run '{runId}' was advanced by another writer: expected {expected} journal events, the store holds {actual}. This execution stops; read the journal again to continue the run (for example 'baton resume').", null);
}
