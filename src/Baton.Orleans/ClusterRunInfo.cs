namespace Baton.Orleans;

/// <summary>A run's state as the cluster sees it: what its journal says, and where (if anywhere) it is executing.</summary>
[GenerateSerializer]
[Alias("baton.ClusterRunInfo")]
public sealed record ClusterRunInfo
{
    /// <summary>Gets the run id.</summary>
    [Id(0)]
    public required string RunId { get; init; }

    /// <summary>Gets where the run is in its life.</summary>
    [Id(1)]
    public required ClusterRunPhase Phase { get; init; }

    /// <summary>Gets the run's status from its journal (<see cref="RunStatus.Running"/> until it ends).</summary>
    [Id(2)]
    public RunStatus Status { get; init; }

    /// <summary>Gets why the run ended, once it has.</summary>
    [Id(3)]
    public string? Reason { get; init; }

    /// <summary>Gets the orchestration the run was started with.</summary>
    [Id(4)]
    public string? Orchestration { get; init; }

    /// <summary>Gets the number of agent steps so far.</summary>
    [Id(5)]
    public int Steps { get; init; }

    /// <summary>Gets the number of events in the run's journal.</summary>
    [Id(6)]
    public long EventCount { get; init; }

    /// <summary>Gets the silo that answered (and holds the run's activation while it executes).</summary>
    [Id(7)]
    public string? Silo { get; init; }

    /// <summary>Gets when a parked run wakes by itself, if it waits for a time.</summary>
    [Id(8)]
    public DateTimeOffset? ParkedUntil { get; init; }

    /// <summary>Gets the owner of the run's lease as its journal records it: the silo that started or last continued it.</summary>
    /// <value><see langword="null"/> while the journal is not read (the run is executing here) or for runs written without leases.</value>
    [Id(9)]
    public string? LeaseOwner { get; init; }

    /// <summary>Gets the run's lease epoch as its journal records it: 1 for the execution that started it, one more for each continuation.</summary>
    [Id(10)]
    public long LeaseEpoch { get; init; }

    /// <summary>Gets when the question a waiting run waits on times out (its fallback applies), if it does.</summary>
    [Id(11)]
    public DateTimeOffset? InputDueAt { get; init; }
}
