using Baton.Context;
using Baton.Journal;
using Baton.Orleans.Errors;
using Baton.Orleans.Hosting;
using Baton.Orchestration;

namespace Baton.Orleans.Grains;

/// <summary>
/// Executes one run (the grain key is the run id) with <see cref="HandoffRunner"/> over the cluster's journal.
/// </summary>
/// <remarks>
/// <para><b>No state but the journal.</b> Any activation on any silo continues the run from its journal; the grain
/// keeps only what its current execution needs. Each execution takes the run's next lease in the journal, naming this
/// silo, so the store itself refuses the writes of any execution it replaced. Orleans reminders, persisted in
/// PostgreSQL, carry the run between activations: <see cref="RecoveryReminder"/> while it executes (a tick on another
/// silo continues it when its silo died), <see cref="WakeReminder"/> while it is parked (the tick continues it when its
/// wait ends), <see cref="DueReminder"/> while it waits for a person's answer that is due at a time (the tick applies
/// the wait's timeout).</para>
/// <para><b>Calls interleave only at awaits</b> (the grain is not reentrant, except for watches, whose enumeration
/// Orleans interleaves): every check of <c>_execution</c> and the start that follows it run in one turn.</para>
/// <para>Awaits here deliberately resume on the grain's scheduler (<c>ConfigureAwait(true)</c>): reminders and
/// deactivation are only allowed there.</para>
/// <para><b>Errors</b> leave through <see cref="Invoke"/>, which turns those Orleans cannot serialize (a store's,
/// PostgreSQL's) into <see cref="ClusterRunException"/>.</para>
/// </remarks>
[GrainType("baton-run")]
internal sealed partial class RunGrain(BatonSiloRuntime runtime) : Grain, IRunGrain, IRemindable, IIncomingGrainCallFilter
{
    public const string RecoveryReminder = "baton-run";

    // The wake and due reminders' names carry their time ("baton-wake@<unix ms>"): Orleans reports a reminder's name only.
    public const string WakeReminder = "baton-wake@";
    public const string DueReminder = "baton-due@";
    private const string RunEndedKind = "run_ended";

    // Long enough for any run; the grain deactivates itself as soon as the run ends, parks or waits for a person.
    private static readonly TimeSpan s_keepAliveWhileExecuting = TimeSpan.FromDays(30);

    // Orleans reminders take due times up to about 49 days; a longer wait is checked again after 30.
    private static readonly TimeSpan s_longestReminderWait = TimeSpan.FromDays(30);

    private readonly RunEventFeed _feed = new();
    private RunExecution? _execution;
    private DateTimeOffset? _parkedUntil;

    // Watches (Orleans response streams) open on this activation, and whether it should go once the last is disposed.
    private int _openWatches;
    private bool _deactivateWhenUnwatched;

    private string RunId => this.GetPrimaryKeyString();

    public async Task<ClusterRunInfo> StartAsync(ClusterRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.RunId, RunId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The request's run id '{request.RunId}' is not this grain's '{RunId}'.", nameof(request));
        }

        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        var journal = await runtime.Store.ReadAsync(RunId, cancellationToken).ConfigureAwait(true);
        if (journal.Count > 0)
        {
            var recorded = RunState.FromEvents(journal);
            return recorded.Orchestration == request.Orchestration
                ? await EnsureExecutingAsync(journal, wake: false, cancellationToken).ConfigureAwait(true)
                : throw new InvalidOperationException(
                    $"Run '{RunId}' exists already and was started by orchestration '{recorded.Orchestration}', not '{request.Orchestration}'. Choose another run id.");
        }

        var registration = runtime.Options.Orchestrations.Resolve(RunId, request.Orchestration, request.DefinitionHash, RuntimeIdentity);
        var context = HandoffContext.Create(request.Task, request.Intent, request.Constraints);

        // run_started records the definition's hash: any silo that continues the run checks it has the same version.
        var options = registration.RunOptions(RunId, request.Limits);

        // The recovery reminder exists before the first event: a silo that dies from here on leaves a tick behind.
        await RegisterRecoveryReminderAsync().ConfigureAwait(true);
        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        Begin(registration, 0, validate: true, (runner, orchestration, token) => runner.RunAsync(orchestration, context, options, token));
        BatonClusterLog.RunStarted(runtime.Logger, RunId, registration.Name, RuntimeIdentity);
        return Info(ClusterRunPhase.Executing, null);
    }

    public Task<ClusterRunInfo> WakeAsync(CancellationToken cancellationToken = default) =>
        EnsureExecutingAsync(null, wake: true, cancellationToken);

    public Task<ClusterRunInfo> ContinueAsync(CancellationToken cancellationToken = default) =>
        EnsureExecutingAsync(null, wake: false, cancellationToken);

    public async Task<ClusterRunInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        var journal = await runtime.Store.ReadAsync(RunId, cancellationToken).ConfigureAwait(true);
        if (journal.Count == 0)
        {
            return Info(ClusterRunPhase.Unknown, null);
        }

        var state = RunState.FromEvents(journal);
        if (state.Status == RunStatus.AwaitingInput)
        {
            return Info(ClusterRunPhase.AwaitingInput, state);
        }

        if (state.IsEnded)
        {
            return Info(ClusterRunPhase.Ended, state);
        }

        var (wake, until) = await FindWakeReminderAsync().ConfigureAwait(true);
        _parkedUntil = until;
        return Info(wake is not null ? ClusterRunPhase.Parked : ClusterRunPhase.Idle, state);
    }

    public async Task<ClusterRunInfo> CancelAsync(CancellationToken cancellationToken = default)
    {
        if (_execution is { } running)
        {
            running.Cancel();
            await running.Completion.WaitAsync(cancellationToken).ConfigureAwait(true);
            return await GetInfoAsync(cancellationToken).ConfigureAwait(true);
        }

        // A parked or idle run is continued and cancelled as soon as it goes live, so run_ended lands at the journal's end.
        var info = await EnsureExecutingAsync(null, wake: true, cancellationToken, cancelWhenLive: true).ConfigureAwait(true);
        if (_execution is { } resumed)
        {
            await resumed.Completion.WaitAsync(cancellationToken).ConfigureAwait(true);
            return await GetInfoAsync(cancellationToken).ConfigureAwait(true);
        }

        return info;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        BatonClusterLog.ReminderTick(runtime.Logger, RunId, reminderName, RuntimeIdentity);

        // A due reminder needs nothing special: a run whose wait is past due continues (its timeout applies), one that
        // was answered meanwhile drops the reminder.
        await EnsureExecutingAsync(null, wake: reminderName.StartsWith(WakeReminder, StringComparison.Ordinal), CancellationToken.None).ConfigureAwait(true);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_execution is not { } execution)
        {
            return;
        }

        // Hand the run over: finish the model call in flight if it answers soon, start no new one.
        BatonClusterLog.HandingOver(runtime.Logger, RunId, RuntimeIdentity, reason.Description);
        execution.Journal.Drain("the silo is deactivating the run: " + reason.Description);
        try
        {
            await execution.Completion.WaitAsync(runtime.Options.DrainTimeout, cancellationToken).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            execution.Journal.Close("the silo stopped before the model call in flight answered");
            execution.Cancel();
        }

        _feed.EndAll(ClusterJournalEntry.InterruptedMarker, execution.Journal.NextSequence);
    }

    /// <summary>
    /// Sends every error a call ends with in a form the client can read (see <see cref="ClusterErrors"/>), and counts
    /// the watches open on this activation.
    /// </summary>
    /// <remarks>
    /// A watch is a response stream: the client's calls (start, next, dispose) reach this activation through Orleans'
    /// enumerator extension, and the client always ends with a dispose call, even after the stream completed. An
    /// activation that deactivated before that call would be activated again by it and linger; so while a watch is open
    /// the deactivation waits for its dispose.
    /// </remarks>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var watchCall = context.InterfaceMethod?.DeclaringType == typeof(IAsyncEnumerableGrainExtension) ? context.InterfaceMethod.Name : null;
        if (watchCall == nameof(IAsyncEnumerableGrainExtension.StartEnumeration))
        {
            _openWatches++;
        }

        try
        {
            await context.Invoke().ConfigureAwait(true);
        }
        catch (Exception ex) when (ClusterErrors.ToWire(ex, RunId) is var wire && !ReferenceEquals(wire, ex))
        {
            throw wire;
        }
        finally
        {
            if (watchCall == nameof(IAsyncEnumerableGrainExtension.DisposeAsync))
            {
                _openWatches = Math.Max(0, _openWatches - 1);
                if (_openWatches == 0 && _deactivateWhenUnwatched && _execution is null)
                {
                    _deactivateWhenUnwatched = false;
                    DeactivateOnIdle();
                }
            }
        }
    }

    /// <summary>Deactivates this activation once it is idle and no watch is open on it (see <see cref="Invoke"/>).</summary>
    private void DeactivateWhenUnwatched()
    {
        if (_openWatches == 0)
        {
            DeactivateOnIdle();
        }
        else
        {
            _deactivateWhenUnwatched = true;
        }
    }

    private ClusterRunInfo Info(ClusterRunPhase phase, RunState? state) => new()
    {
        RunId = RunId,
        Phase = phase,
        Status = state?.Status ?? RunStatus.Running,
        Reason = state?.Reason,
        Orchestration = state?.Orchestration,
        Steps = state?.StepCount ?? 0,
        EventCount = state?.EventCount ?? _execution?.Journal.NextSequence ?? 0,
        Silo = RuntimeIdentity,
        ParkedUntil = phase == ClusterRunPhase.Parked ? _parkedUntil : null,
        LeaseOwner = state?.Lease?.Owner,
        LeaseEpoch = state?.Lease?.Epoch ?? 0,
        InputDueAt = phase == ClusterRunPhase.AwaitingInput ? state?.PendingInput?.DueAt : null,
    };
}
