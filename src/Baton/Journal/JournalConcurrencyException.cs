namespace Baton.Journal;

/// <summary>A journal append found a different number of events than expected: another worker advanced the run.</summary>
public sealed class JournalConcurrencyException : Exception
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

    /// <summary>Creates the exception for a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="expected">The number of events the writer expected.</param>
    /// <param name="actual">The number the store holds.</param>
    /// <returns>The exception.</returns>
    public static JournalConcurrencyException For(string runId, long expected, long actual) =>
        new($"Run '{runId}' was advanced by another writer: expected {expected} journal events, the store holds {actual}. Reload the run and continue from its journal.");
}
