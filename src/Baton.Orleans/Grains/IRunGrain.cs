namespace Baton.Orleans.Grains;

/// <summary>One run of the cluster, keyed by run id: executes it on whichever silo holds the activation.</summary>
/// <remarks>
/// The grain keeps no state of its own: the run's journal in PostgreSQL is the run. Every method is safe to call
/// again (after a timeout, or from another client); a call on a run that is not executing anywhere makes this
/// activation continue it from its journal.
/// </remarks>
[Alias("baton.IRunGrain")]
internal interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (or, when its journal exists already, makes sure it is executing).</summary>
    [Alias("Start")]
    Task<ClusterRunInfo> StartAsync(ClusterRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Makes sure an unfinished run is executing (wakes a parked run); a no-op for a run that is executing or ended.</summary>
    [Alias("Wake")]
    Task<ClusterRunInfo> WakeAsync(CancellationToken cancellationToken = default);

    /// <summary>Continues an unfinished run that is executing nowhere (its silo died); a no-op for a run that executes, is parked or ended.</summary>
    [Alias("Continue")]
    Task<ClusterRunInfo> ContinueAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the run's state from its journal and this activation.</summary>
    [Alias("GetInfo")]
    Task<ClusterRunInfo> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Cancels the run: it ends as cancelled and keeps its journal.</summary>
    [Alias("Cancel")]
    Task<ClusterRunInfo> CancelAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a person's answer to the run, which waits for it: validated against the waiting step's contract, and
    /// once journaled the run continues in this activation. Returns when the answer is taken or refused.
    /// </summary>
    [Alias("ProvideInput")]
    Task<ClusterInputResult> ProvideInputAsync(Humans.HumanAnswer answer, string respondent, CancellationToken cancellationToken = default);

    /// <summary>Streams the run's journal events from <paramref name="fromSequence"/> as they are written, ending after the journal's last <c>run_ended</c> (the run ended or waits for a person) or when the run parks.</summary>
    [Alias("Watch")]
    IAsyncEnumerable<ClusterJournalEntry> WatchAsync(long fromSequence, CancellationToken cancellationToken = default);
}
