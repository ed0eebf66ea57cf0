using System.Runtime.CompilerServices;
using Baton.Humans;
using Baton.Journal;
using Baton.Orleans.Errors;
using Baton.Orleans.Grains;
using Baton.Orchestration;

namespace Baton.Orleans;

/// <summary>Starts, follows, inspects, answers and cancels runs on a Baton cluster.</summary>
/// <remarks>
/// <para>Thread-safe. Every call goes to the run's grain, wherever Orleans placed it; a run whose silo died is
/// continued by the next call (or, without any call, by its recovery reminder).</para>
/// <para><b>Following a run</b> (<see cref="WatchAsync"/>) is push-based: the grain streams each journal event
/// as its execution stores it (an Orleans response stream, <c>IAsyncEnumerable</c>), so there is no polling while a
/// run executes. When the silo executing the run dies or hands it over, the stream breaks and the client reconnects
/// from the next sequence number on whichever silo continues the run, so every event is seen exactly once. A
/// parked run streams nothing: <see cref="WaitAsync(string, IRunObserver?, CancellationToken)"/> checks on it again
/// when its wait should end (at most <see cref="ParkedRecheckInterval"/> later), so a parked run holds no connection
/// or memory anywhere.</para>
/// <para><b>People in the loop.</b> A run that waits for a person ends its execution
/// (<see cref="RunStatus.AwaitingInput"/>) and holds no activation; <see cref="ProvideInputAsync"/> gives it an
/// answer through any silo, and <see cref="ListPendingAsync"/> lists the waiting runs.</para>
/// <para><b>Errors</b> a silo meets are thrown here as Baton's own exceptions where Baton knows them (for example
/// <see cref="RunStoreUnavailableException"/> when PostgreSQL fails), otherwise as <see cref="ClusterRunException"/>.</para>
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

    private enum StreamStep
    {
        Entry,
        Completed,
        Broken,
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
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public Task<ClusterRunInfo> StartAsync(ClusterRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RunId, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Orchestration, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Task, nameof(request));
        return CallAsync(Grain(request.RunId).StartAsync(request, cancellationToken));
    }

    /// <summary>Reads a run's state (without continuing it).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run's state.</returns>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public Task<ClusterRunInfo> GetInfoAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync(Grain(runId).GetInfoAsync(cancellationToken));

    /// <summary>Cancels a run: it ends with <see cref="RunStatus.Cancelled"/> and keeps its journal. A parked run is cancelled too; a run that waits for a person is not (answer it, or let its timeout apply).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run's state after the cancellation.</returns>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public Task<ClusterRunInfo> CancelAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync(Grain(runId).CancelAsync(cancellationToken));

    /// <summary>Wakes a parked run now (before its wait ends), or continues a run that executes nowhere.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The run's state after the call.</returns>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public Task<ClusterRunInfo> WakeAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync(Grain(runId).WakeAsync(cancellationToken));

    /// <summary>
    /// Gives a person's answer to a run that waits for it, through whichever silo Orleans places the run on. The
    /// waiting step reads and validates the answer against its contract before anything is written; once the answer
    /// is journaled the run continues on that silo, and this call returns (follow the run with
    /// <see cref="WaitAsync(string, long, IRunObserver?, CancellationToken)"/> from <see cref="ClusterInputResult.NextSequence"/>).
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="answer">The answer (set <see cref="HumanAnswer.Step"/> to refuse it if the run no longer waits at that step).</param>
    /// <param name="respondent">Who answers (journaled): a user name or id, up to 200 characters, no control characters.</param>
    /// <param name="cancellationToken">A token to stop waiting for the outcome (an answer already sent may still be taken).</param>
    /// <returns>
    /// What became of the answer: <see cref="InputOutcome.Accepted"/> (the run continues), <see cref="InputOutcome.Invalid"/>
    /// (the contract's errors; the run still waits), <see cref="InputOutcome.NotWaiting"/>, <see cref="InputOutcome.Conflict"/>
    /// (another answer was taken first) or <see cref="InputOutcome.Expired"/> (the wait's timeout applied instead).
    /// </returns>
    /// <exception cref="ArgumentException">No run with that id is in the cluster's journal, or <paramref name="respondent"/> is not valid.</exception>
    /// <exception cref="OrchestrationUnavailableException">The silo the run was placed on has not registered its orchestration in the version the run started with; the run still waits.</exception>
    /// <exception cref="ReplayMismatchException">The orchestration's prompts changed under the same definition, or the journal was changed outside Baton.</exception>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public Task<ClusterInputResult> ProvideInputAsync(string runId, HumanAnswer answer, string respondent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ClusterInputResult.ThrowIfInvalidRespondent(respondent);
        return CallAsync(Grain(runId).ProvideInputAsync(answer, respondent, cancellationToken));
    }

    /// <summary>Lists the runs in the cluster's journal that wait for a person, most urgent first (the earliest due, then the longest waiting).</summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The waiting runs, each with the question it waits on, as <see cref="HandoffRunner.ListPendingAsync"/> returns them.</returns>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public async Task<IReadOnlyList<PendingInput>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        var entries = await CallAsync(_grains.GetGrain<IPendingInputGrain>(0).ListAsync(cancellationToken)).ConfigureAwait(false);
        var pending = new List<PendingInput>(entries.Length);
        foreach (var entry in entries)
        {
            if (JournalSerializer.Deserialize(entry.Request.Json, entry.Request.SchemaVersion) is InputRequested request)
            {
                pending.Add(new PendingInput(entry.RunId, entry.Orchestration, request, entry.IsOverdue));
            }
        }

        return pending;
    }

    /// <summary>
    /// Streams a run's journal events from <paramref name="fromSequence"/> as they are written, across silo
    /// failures, until the journal's last <c>run_ended</c> (the run ended, or waits for a person) or until the run parks.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="fromSequence">The first sequence number to stream.</param>
    /// <param name="cancellationToken">A token to stop watching (the run goes on).</param>
    /// <returns>The events, each once, in order.</returns>
    /// <exception cref="OrchestrationUnavailableException">The run must be continued, and the silo it was placed on has not registered its orchestration (in that version).</exception>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public async IAsyncEnumerable<JournalEvent> WatchAsync(string runId, long fromSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        var next = fromSequence;
        var delay = s_firstReconnectDelay;
        JournalEvent? last = null;
        while (true)
        {
            var completed = false;
            var stream = Grain(runId).WatchAsync(next, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    var (step, entry) = await NextAsync(stream, cancellationToken).ConfigureAwait(false);
                    if (step != StreamStep.Entry)
                    {
                        completed = step == StreamStep.Completed;
                        break;
                    }

                    if (entry!.Kind == ClusterJournalEntry.InterruptedMarker)
                    {
                        break;
                    }

                    if (entry.Kind is ClusterJournalEntry.ParkedMarker or ClusterJournalEntry.UnknownMarker)
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
                    last = journalEvent;
                    yield return journalEvent;
                }
            }
            finally
            {
                await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            }

            // The silo ends a stream after the journal's last run_ended. An earlier run_ended (a wait for a person
            // that was answered since) is followed by more events, and a broken stream proves nothing: ask again.
            if (completed && last is RunEnded)
            {
                yield break;
            }

            // The silo that executed the run stopped (or the stream broke): reconnect where the run continues.
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > s_maxReconnectDelay ? s_maxReconnectDelay : delay * 2;
        }
    }

    /// <summary>Waits for a run to end (or to wait for a person), showing each event to <paramref name="observer"/> as it is written.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="observer">Sees each event with the run's state, as a local run's observers do; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token to stop waiting (the run goes on).</param>
    /// <returns>The run's result, read from its journal: <see cref="RunStatus.AwaitingInput"/> when it waits for a person.</returns>
    /// <exception cref="InvalidOperationException">No run with that id is in the cluster's journal.</exception>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public Task<RunResult> WaitAsync(string runId, IRunObserver? observer = null, CancellationToken cancellationToken = default) =>
        WaitAsync(runId, 0, observer, cancellationToken);

    /// <summary>
    /// Waits for a run to end (or to wait for a person), showing <paramref name="observer"/> each event from
    /// <paramref name="notifyFrom"/> on (for example from <see cref="ClusterInputResult.NextSequence"/>, to follow what an answer continued).
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="notifyFrom">The first sequence number the observer is shown; the result covers the whole journal either way.</param>
    /// <param name="observer">Sees each event with the run's state; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token to stop waiting (the run goes on).</param>
    /// <returns>The run's result, read from its journal.</returns>
    /// <exception cref="InvalidOperationException">No run with that id is in the cluster's journal.</exception>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public async Task<RunResult> WaitAsync(string runId, long notifyFrom, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(notifyFrom);
        var events = new List<JournalEvent>();
        while (true)
        {
            await foreach (var journalEvent in WatchAsync(runId, events.Count, cancellationToken).ConfigureAwait(false))
            {
                events.Add(journalEvent);
                if (journalEvent.Sequence >= notifyFrom)
                {
                    Notify(observer, events, journalEvent);
                }
            }

            if (events.Count > 0 && events[^1] is RunEnded)
            {
                return RunResult.FromJournal(events);
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

    /// <summary>Starts a run and waits for it to end (or to wait for a person).</summary>
    /// <param name="request">The run to start.</param>
    /// <param name="observer">Sees each event with the run's state; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token to stop waiting (the run goes on).</param>
    /// <returns>The run's result.</returns>
    /// <exception cref="OrchestrationUnavailableException">The silo the run was placed on has not registered the orchestration (in that version).</exception>
    /// <exception cref="RunStoreException">The cluster's journal cannot be used.</exception>
    public async Task<RunResult> RunAsync(ClusterRunRequest request, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        await StartAsync(request, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(request.RunId, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Awaits a grain call, throwing an error a silo sent back as the Baton exception it was.</summary>
    private static async Task<T> CallAsync<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (ClusterRunException ex) when (ClusterErrors.FromWire(ex) is var known && !ReferenceEquals(known, ex))
        {
            throw known;
        }
    }

    private static async ValueTask<(StreamStep Step, ClusterJournalEntry? Entry)> NextAsync(IAsyncEnumerator<ClusterJournalEntry> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNextAsync().ConfigureAwait(false) ? (StreamStep.Entry, stream.Current) : (StreamStep.Completed, null);
        }
        catch (ClusterRunException ex)
        {
            // The silo could not read the run (its journal cannot be used): reconnecting would not help.
            throw ClusterErrors.FromWire(ex);
        }
        catch (OrchestrationUnavailableException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A dead silo, a deactivated activation, a dropped connection: the run continues elsewhere.
            return (StreamStep.Broken, null);
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
