using System.Collections.Immutable;
using Baton.Orleans.Errors;
using Baton.Orleans.Hosting;
using Orleans.Concurrency;

namespace Baton.Orleans.Grains;

/// <summary>Reads the waiting runs with <see cref="Orchestration.HandoffRunner.ListPendingAsync"/> over the cluster's journal, on whichever silo is at hand.</summary>
/// <remarks>It writes nothing and keeps nothing: the journal is the list. Timeouts are not applied here: each waiting run's due reminder does that.</remarks>
[StatelessWorker]
[GrainType("baton-pending")]
internal sealed class PendingInputGrain(BatonSiloRuntime runtime) : Grain, IPendingInputGrain, IIncomingGrainCallFilter
{
    public async Task<ImmutableArray<ClusterPendingEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var pending = await runtime.CreateRunner(runtime.Store).ListPendingAsync(cancellationToken).ConfigureAwait(true);
        return [.. pending.Select(p => new ClusterPendingEntry(p.RunId, p.Orchestration, p.IsOverdue, RunEventFeed.ToEntry(p.Request)))];
    }

    /// <summary>Sends every error a call ends with in a form the client can read.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke().ConfigureAwait(true);
        }
        catch (Exception ex) when (ClusterErrors.ToWire(ex, null) is var wire && !ReferenceEquals(wire, ex))
        {
            throw wire;
        }
    }
}
