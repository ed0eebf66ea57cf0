using System.Runtime.CompilerServices;
using Baton.Journal;
using Baton.Orleans.Grains;
using Baton.Orchestration;

namespace Baton.Orleans;

/// <summary>Starts, follows, inspects and cancels runs on a Baton cluster.</summary>
/// <remarks>
/// <para>Thread-safe. Every call goes to the run's grain, wherever Orleans placed it; a run whose silo died is
/// continued by the next call (or, without any call, by its recovery reminder).</para>
/// <para><b>Following a run</b> (<see cref="WatchAsync"/>) is push-based: the grain streams each journal event
/// as its execution stores it (an Orleans response stream, <c>IAsyncEnumerable</c>), so there is no polling while a
/// run executes. When the silo executing the run dies or hands it over, the stream breaks and the client reconnects
/// from the next sequence number on whichever silo continues the run, so every event is seen exactly once. A
/// parked run streams nothing: <see cref="WaitAsync"/> checks on it again when its wait should end (at most
/// <see cref="ParkedRecheckInterval"/> later), so a parked run holds no connection or memory anywhere.</para>
/// </remarks>
public sealed class BatonClusterClient
{
    private static readonly TimeSpan s_firstReconnectDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a client over a connected Orleans client (or a silo's grain factory).</summary>
    /// <param name="grains">The grain factory, usually the <see cref="IClusterClient"/>.</param>
    /// <param name="timeProvider">The clock for reconnect delays; <see langword="null"/> for the system clock.</param>
    public BatonClusterClient(IGrainFactory grains, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets or sets the longest a waiting client goes without checking on a parked run.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan ParkedRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Starts a run. Safe to repeat: a run that exists already is only made sure to execute.</summary>
    /// <param name="request">The run to start.</param>
    /// <param name="cancellationToken">A token to cancel the call (not the run: use <see cref="CancelAsync"/>).</param>
    /// <returns>The run's state right after the start.</returns>
    /// <exception cref="OrchestrationUnavailableException">The silo the run was placed on has not registered the orchestration (in that version).</exception>
    /// <exception cref="OrchestrationConfigurationException">The orchestration is not valid.</exception>
    public Task<ClusterRunInfo> StartAsync(ClusterRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RunId, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Orchestration, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Task, nameof(request));
        return Grain(request.RunId).StartAsync(request, cancellationToken);
    }

    /// <summary>Reads a run's state (without continuing it).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run's state.</returns>
    public Task<ClusterRunInfo> GetInfoAsync(string runId, CancellationToken cancellationToken = default) =>
        Grain(runId).GetInfoAsync(cancellationToken);

    /// <summary>Cancels a run: it ends with <see cref="RunStatus.Cancelled"/> and keeps its journal. A parked run is cancelled too.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run's state after the cancellation.</returns>
    public Task<ClusterRunInfo> CancelAsync(string runId, CancellationToken cancellationToken = default) =>
        Grain(runId).CancelAsync(cancellationToken);

    /// <summary>Wakes a parked run now (before its wait ends), or continues a run that executes nowhere.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run's state after the call.</returns>
    public Task<ClusterRunInfo> WakeAsync(string runId, CancellationToken cancellationToken = default) =>
        Grain(runId).WakeAsync(cancellationToken);

    /// <summary>
    /// Streams a run's journal events from <paramref name="fromSequence"/> as they are written, across silo
    /// failures, until <c>run_ended</c> or until the run parks.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="fromSequence">The first sequence number to stream.</param>
    /// <param name="cancellationToken">A token to stop watching (the run goes on).</param>
    /// <returns>The events, each once, in order.</returns>
    public async IAsyncEnumerable<JournalEvent> WatchAsync(string runId, long fromSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        var next = fromSequence;
        var delay = s_firstReconnectDelay;
        while (true)
        {
            var stream = Grain(runId).WatchAsync(next, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    var entry = await NextAsync(stream, cancellationToken).ConfigureAwait(false);
                    if (entry is null || entry.Kind == ClusterJournalEntry.InterruptedMarker)
                    {
                        break;
                    }

                    if (entry.Kind == ClusterJournalEntry.ParkedMarker)
                    {
                        yield break;
                    }

                    if (entry.Sequence != next)
                    {
                        continue;
                    }

                    var journalEvent = JournalSerializer.Deserialize(entry.Json, entry.SchemaVersion);
                    next++;
                    delay = s_firstReconnectDelay;
                    yield return journalEvent;
                    if (journalEvent is RunEnded)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            }

            // The silo that executed the run stopped (or the stream broke): reconnect where the run continues.
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > s_maxReconnectDelay ? s_maxReconnectDelay : delay * 2;
        }
    }

    /// <summary>Waits for a run to end, showing each event to <paramref name="observer"/> as it is written.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="observer">Sees each event with the run's state, as a local run's observers do; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token to stop waiting (the run goes on).</param>
    /// <returns>The run's result, read from its journal.</returns>
    public async Task<RunResult> WaitAsync(string runId, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var events = new List<JournalEvent>();
        while (true)
        {
            await foreach (var journalEvent in WatchAsync(runId, events.Count, cancellationToken).ConfigureAwait(false))
            {
                events.Add(journalEvent);
                Notify(observer, events, journalEvent);
                if (journalEvent is RunEnded)
                {
                    return RunResult.FromJournal(events);
                }
            }

            // The run parked: check again when its wait should be over (a wake-up by message is seen at the next check).
            var info = await GetInfoAsync(runId, cancellationToken).ConfigureAwait(false);
            if (info.Phase == ClusterRunPhase.Unknown)
            {
                throw new InvalidOperationException($"No run with id '{runId}' is in the cluster's journal.");
            }

            var wait = info.ParkedUntil is { } until ? until - _timeProvider.GetUtcNow() : ParkedRecheckInterval;
            wait = wait < s_firstReconnectDelay ? s_firstReconnectDelay : wait > ParkedRecheckInterval ? ParkedRecheckInterval : wait;
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts a run and waits for it to end.</summary>
    /// <param name="request">The run to start.</param>
    /// <param name="observer">Sees each event with the run's state; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token to stop waiting (the run goes on).</param>
    /// <returns>The run's result.</returns>
    public async Task<RunResult> RunAsync(ClusterRunRequest request, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        await StartAsync(request, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(request.RunId, observer, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<ClusterJournalEntry?> NextAsync(IAsyncEnumerator<ClusterJournalEntry> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNextAsync().ConfigureAwait(false) ? stream.Current : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (ex is OrchestrationUnavailableException or OrchestrationConfigurationException)
            {
                throw;
            }

            // A dead silo, a deactivated activation, a dropped connection: the run continues elsewhere.
            return null;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<ClusterJournalEntry> stream)
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Disposing a stream from a dead silo fails; there is nothing left to release.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Notify(IRunObserver? observer, List<JournalEvent> events, JournalEvent journalEvent)
    {
        if (observer is null)
        {
            return;
        }

        try
        {
            observer.OnEvent(RunState.FromEvents(events), journalEvent);
        }
#pragma warning disable CA1031 // An observer never breaks a run, here as in HandoffRunner.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private IRunGrain Grain(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return _grains.GetGrain<IRunGrain>(runId);
    }
}
