using System.Globalization;

namespace Baton.Journal;

/// <summary>
/// A store refused an append because a newer execution of the run holds its lease: the writer was paused,
/// partitioned or raced another resume, and the run continued without it. The append stored nothing.
/// </summary>
/// <remarks>
/// The writer must stop and never write to the run again (its lease epoch is fenced off for good); the run goes on
/// under <see cref="CurrentLease"/>.
/// </remarks>
public sealed class LeaseLostException : JournalConcurrencyException
{
    /// <summary>Creates the exception.</summary>
    public LeaseLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="writerEpoch">The lease epoch the refused append was written under.</param>
    /// <param name="currentLease">The run's lease as the store holds it, if it knows one.</param>
    public LeaseLostException(string runId, long writerEpoch, RunLease? currentLease)
        : base(runId, Describe(runId, writerEpoch, currentLease), null)
    {
        WriterEpoch = writerEpoch;
        CurrentLease = currentLease;
    }

    /// <summary>Gets the lease epoch the refused append was written under.</summary>
    public long WriterEpoch { get; }

    /// <summary>Gets the run's lease as the store holds it: the execution that now owns the run.</summary>
    public RunLease? CurrentLease { get; }

    private static string Describe(string runId, long writerEpoch, RunLease? current) =>
        current is null
            ? string.Create(CultureInfo.InvariantCulture, $"Run '{runId}' is held by a newer execution: this writer's lease (epoch {writerEpoch}) was taken over, so its writes are refused. This execution stops; the run continues under its new owner.")
            : string.Create(CultureInfo.InvariantCulture, $"Run '{runId}' is held by {current.Owner} (lease epoch {current.Epoch}, since {current.Since:u}): this writer's lease (epoch {writerEpoch}) was taken over, so its writes are refused. This execution stops; the run continues under its new owner.");
}
