using System.Collections.Immutable;

namespace Baton.Orleans.Grains;

/// <summary>Reads the runs that wait for a person from the cluster's journal (any silo answers; use key 0).</summary>
[Alias("baton.IPendingInputGrain")]
internal interface IPendingInputGrain : IGrainWithIntegerKey
{
    /// <summary>Lists the waiting runs, most urgent first (the earliest due, then the longest waiting).</summary>
    [Alias("List")]
    Task<ImmutableArray<ClusterPendingEntry>> ListAsync(CancellationToken cancellationToken = default);
}
