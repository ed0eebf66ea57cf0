using Baton.Orleans.Grains;
using Baton.Orleans.Hosting;

namespace Baton.Orleans.Recovery;

/// <summary>
/// Continues a dead silo's runs as soon as the cluster declares it dead, instead of waiting for their recovery
/// reminders to tick: watches Orleans' membership and pokes every run that holds a recovery reminder.
/// </summary>
/// <remarks>
/// Orleans' membership protocol decides who is dead (probes, votes, the membership table); this only reacts. One
/// silo acts per change (the active silo with the lowest address), and a poke is idempotent: a run executing on a
/// live silo ignores it, a run whose silo died is activated on a survivor and continues from its journal. If the
/// poke fails, the run's reminder (persisted in PostgreSQL) still continues it.
/// </remarks>
internal sealed class DeadSiloRecovery(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    BatonSiloRuntime runtime) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int Parallelism = 16;
    private const int Attempts = 3;

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeadSiloRecovery), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(WatchAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WatchAsync()
    {
        var dead = new HashSet<SiloAddress>(membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress));
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token).ConfigureAwait(false))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).Select(m => m.SiloAddress).ToList();
                var coordinator = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).Min();
                if (newlyDead.Count > 0 && silo.SiloAddress.Equals(coordinator))
                {
                    await ContinueRunsAsync(newlyDead).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Losing this watch only slows recovery down to the reminders' pace; it must not stop the silo.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            BatonClusterLog.MembershipWatchFailed(runtime.Logger, ex);
        }
    }

    private async Task ContinueRunsAsync(List<SiloAddress> deadSilos)
    {
        var owners = deadSilos.Select(s => s.ToString()).ToList();
        var runs = await runtime.Store.ListRunsHeldByAsync(owners, cancellationToken: _stopping.Token).ConfigureAwait(false);
        BatonClusterLog.RecoveringRuns(runtime.Logger, string.Join(", ", owners), runs.Count);
        await Parallel.ForEachAsync(runs.Select(r => r.RunId), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = _stopping.Token }, ContinueRunAsync).ConfigureAwait(false);
    }

    private async ValueTask ContinueRunAsync(string runId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await grains.GetGrain<IRunGrain>(runId).ContinueAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                BatonClusterLog.RecoveryAttemptFailed(runtime.Logger, ex, runId, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
