using System.Globalization;

namespace Baton.Journal;

/// <summary>
/// A stored journal row cannot be read: its JSON is broken, it names an unknown event kind, it was written by a
/// newer schema version, or the run's sequence has a gap. Only that run is affected; the store and its other runs
/// stay usable.
/// </summary>
public sealed class UnreadableJournalException : RunStoreException
{
    /// <summary>Creates the exception.</summary>
    public UnreadableJournalException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public UnreadableJournalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public UnreadableJournalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one row.</summary>
    /// <param name="runId">The run whose journal holds the row.</param>
    /// <param name="sequence">The row's sequence number.</param>
    /// <param name="problem">What is wrong with the row, and what to do, as a sentence (folded onto one line and clipped, since it may quote the row).</param>
    /// <param name="innerException">The cause, if any.</param>
    public UnreadableJournalException(string runId, long sequence, string problem, Exception? innerException)
        : base(runId, string.Create(CultureInfo.InvariantCulture, $"Run '{JsonText.ClipLine(runId, 200)}', journal event at sequence {sequence}: {JsonText.ClipLine(problem, 2_000)}"), innerException)
    {
        Sequence = sequence;
    }

    /// <summary>Gets the sequence number of the row that cannot be read.</summary>
    public long Sequence { get; }
}
