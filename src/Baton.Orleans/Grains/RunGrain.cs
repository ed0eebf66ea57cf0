using System.Globalization;
using System.Runtime.CompilerServices;
using Baton.Context;
using Baton.Journal;
using Baton.Orleans.Hosting;
using Baton.Orchestration;

namespace Baton.Orleans.Grains;

/// <summary>
/// Executes one run (the grain key is the run id) with <see cref="HandoffRunner"/> over the cluster's journal.
/// </summary>
/// <remarks>
/// <para><b>No state but the journal.</b> Any activation on any silo continues the run from its journal; the grain
/// keeps only what its current execution needs. Two Orleans reminders, persisted in PostgreSQL, carry the run
/// between activations: <see cref="RecoveryReminder"/> while it executes (a tick on another silo continues it when
/// its silo died), <see cref="WakeReminder"/> while it is parked (the tick continues it when its wait ends).</para>
/// <para><b>Calls interleave only at awaits</b> (the grain is not reentrant, except for watches, whose enumeration
/// Orleans interleaves): every check of <c>_execution</c> and the start that follows it run in one turn.</para>
/// <para>Awaits here deliberately resume on the grain's scheduler (<c>ConfigureAwait(true)</c>): reminders and
/// deactivation are only allowed there.</para>
/// </remarks>
[GrainType("baton-run")]
internal sealed partial class RunGrain(BatonSiloRuntime runtime) : Grain, IRunGrain, IRemindable
{
    public const string RecoveryReminder = "baton-run";
    // The wake reminder's name carries the wake time ("baton-wake@<unix ms>"): Orleans reports a reminder's name only.
    public const string WakeReminder = "baton-wake@";
    private const string RunEndedKind = "run_ended";

    // Long enough for any run; the grain deactivates itself as soon as the run ends or parks.
    private static readonly TimeSpan s_keepAliveWhileExecuting = TimeSpan.FromDays(30);

    private static readonly TimeSpan s_longestPark = TimeSpan.FromDays(30);

    private readonly RunEventFeed _feed = new();
    private RunExecution? _execution;
    private DateTimeOffset? _parkedUntil;

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
        var options = new RunOptions { RunId = RunId, Limits = request.Limits };

        // The recovery reminder exists before the first event: a silo that dies from here on leaves a tick behind.
        await this.RegisterOrUpdateReminder(RecoveryReminder, runtime.Options.RecoveryReminderPeriod, runtime.Options.RecoveryReminderPeriod, CancellationToken.None).ConfigureAwait(true);
        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        Begin(registration, validate: true, (runner, orchestration, token) => runner.RunAsync(orchestration, context, options, token));
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

    public async IAsyncEnumerable<ClusterJournalEntry> WatchAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        await EnsureExecutingAsync(null, wake: false, cancellationToken).ConfigureAwait(true);

        // Subscribe before reading, so no event falls between the journal read and the live feed.
        using var subscription = _execution is null ? null : _feed.Subscribe();
        var next = fromSequence;
        foreach (var stored in await runtime.Store.ReadAsync(RunId, cancellationToken).ConfigureAwait(true))
        {
            if (stored.Sequence < next)
            {
                continue;
            }

            next = stored.Sequence + 1;
            yield return RunEventFeed.ToEntry(stored);
            if (stored is RunEnded)
            {
                yield break;
            }
        }

        if (subscription is null)
        {
            if (_parkedUntil is not null || (await FindWakeReminderAsync().ConfigureAwait(true)).Reminder is not null)
            {
                yield return ClusterJournalEntry.Marker(ClusterJournalEntry.ParkedMarker, next);
            }

            yield break;
        }

        await foreach (var entry in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(true))
        {
            if (entry.IsMarker)
            {
                yield return entry with { Sequence = next };
                yield break;
            }

            if (entry.Sequence < next)
            {
                continue;
            }

            next = entry.Sequence + 1;
            yield return entry;
            if (entry.Kind == RunEndedKind)
            {
                yield break;
            }
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        BatonClusterLog.ReminderTick(runtime.Logger, RunId, reminderName, RuntimeIdentity);
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

    private async Task<ClusterRunInfo> EnsureExecutingAsync(IReadOnlyList<JournalEvent>? journal, bool wake, CancellationToken cancellationToken, bool cancelWhenLive = false)
    {
        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        journal ??= await runtime.Store.ReadAsync(RunId, cancellationToken).ConfigureAwait(true);
        if (journal.Count == 0)
        {
            await DropReminderAsync(RecoveryReminder).ConfigureAwait(true);
            DeactivateOnIdle();
            return Info(ClusterRunPhase.Unknown, null);
        }

        var state = RunState.FromEvents(journal);
        if (state.IsEnded)
        {
            await DropReminderAsync(RecoveryReminder).ConfigureAwait(true);
            if ((await FindWakeReminderAsync().ConfigureAwait(true)).Reminder is { } stale)
            {
                await this.UnregisterReminder(stale, CancellationToken.None).ConfigureAwait(true);
            }

            DeactivateOnIdle();
            return Info(ClusterRunPhase.Ended, state);
        }

        if (await FindWakeReminderAsync().ConfigureAwait(true) is { Reminder: { } wakeReminder } parked)
        {
            if (!wake)
            {
                _parkedUntil = parked.Until;
                DeactivateOnIdle();
                return Info(ClusterRunPhase.Parked, state);
            }

            // The recovery reminder takes over before the wake reminder goes: there is always one.
            await this.RegisterOrUpdateReminder(RecoveryReminder, runtime.Options.RecoveryReminderPeriod, runtime.Options.RecoveryReminderPeriod, CancellationToken.None).ConfigureAwait(true);
            await this.UnregisterReminder(wakeReminder, CancellationToken.None).ConfigureAwait(true);
        }

        RegisteredOrchestration registration;
        try
        {
            registration = runtime.Options.Orchestrations.Resolve(RunId, state.Orchestration, null, RuntimeIdentity);
        }
        catch (OrchestrationUnavailableException ex)
        {
            // Leave the run and its reminder alone, and let the next attempt be placed anew.
            BatonClusterLog.OrchestrationUnavailable(runtime.Logger, RunId, ex.Message);
            DeactivateOnIdle();
            throw;
        }

        await this.RegisterOrUpdateReminder(RecoveryReminder, runtime.Options.RecoveryReminderPeriod, runtime.Options.RecoveryReminderPeriod, CancellationToken.None).ConfigureAwait(true);
        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        Begin(registration, validate: false, (runner, orchestration, token) => runner.ResumeAsync(orchestration, RunId, token), cancelWhenLive);
        BatonClusterLog.RunContinued(runtime.Logger, RunId, registration.Name, RuntimeIdentity, state.EventCount);
        return Info(ClusterRunPhase.Executing, state);
    }

    private void Begin(RegisteredOrchestration registration, bool validate, Func<HandoffRunner, Orchestration.Orchestration, CancellationToken, Task<RunResult>> start, bool cancelWhenLive = false)
    {
        var journal = new ExecutionJournal(runtime.Store, _feed);
        var execution = new RunExecution(journal);
        if (cancelWhenLive)
        {
            // The first live write (run_resumed) comes before any model call: cancel right after it.
            journal.AfterAppend = execution.Cancel;
        }

        var orchestration = runtime.BuildOrchestration(registration, RunId, execution);
        if (validate)
        {
            // Configuration errors reach the caller before anything is written.
            orchestration.Validate();
        }

        var runner = runtime.CreateRunner(journal);
        _execution = execution;
        _parkedUntil = null;
        DelayDeactivation(s_keepAliveWhileExecuting);
        execution.Completion = ExecuteAsync(execution, () => start(runner, orchestration, execution.Token));
    }

    private async Task<RunResult?> ExecuteAsync(RunExecution execution, Func<Task<RunResult>> start)
    {
        RunResult? result = null;
        try
        {
            result = await start().ConfigureAwait(true);
        }
        catch (JournalConcurrencyException ex)
        {
            // Parked, handed over, or another execution holds the run now: this one stops without writing.
            if (execution.ParkedUntil is null)
            {
                BatonClusterLog.WriteRefused(runtime.Logger, RunId, RuntimeIdentity, ex.Message);
            }
        }
        catch (ReplayMismatchException ex)
        {
            BatonClusterLog.ResumeMismatch(runtime.Logger, ex, RunId, RuntimeIdentity);
        }
#pragma warning disable CA1031 // An execution's failure must never take the activation down: the run stays in its journal for the next one.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            BatonClusterLog.ExecutionFailed(runtime.Logger, ex, RunId, RuntimeIdentity);
        }
        finally
        {
            if (ReferenceEquals(_execution, execution))
            {
                _execution = null;
            }
        }

        try
        {
            if (result is not null)
            {
                BatonClusterLog.RunEnded(runtime.Logger, RunId, result.Status, RuntimeIdentity);
                await DropReminderAsync(RecoveryReminder).ConfigureAwait(true);
                DeactivateOnIdle();
            }
            else if (execution.ParkedUntil is { } until)
            {
                await ParkAsync(until, execution.ParkReason ?? "parked").ConfigureAwait(true);
                _feed.EndAll(ClusterJournalEntry.ParkedMarker, execution.Journal.NextSequence);
                DeactivateOnIdle();
            }
            else
            {
                _feed.EndAll(ClusterJournalEntry.InterruptedMarker, execution.Journal.NextSequence);
                DeactivateOnIdle();
            }
        }
        finally
        {
            execution.Dispose();
        }

        return result;
    }

    private async Task ParkAsync(DateTimeOffset until, string reason)
    {
        // Orleans reminders take due times up to about 49 days; a longer back-off wakes the run after 30, and the provider parks it again.
        var due = until - runtime.TimeProvider.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > s_longestPark ? s_longestPark : due;

        // The wake reminder is written before the recovery reminder goes, so the run always has one.
        var period = due > runtime.Options.RecoveryReminderPeriod ? due : runtime.Options.RecoveryReminderPeriod;
        await this.RegisterOrUpdateReminder(WakeReminder + until.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), due, period, CancellationToken.None).ConfigureAwait(true);
        await DropReminderAsync(RecoveryReminder).ConfigureAwait(true);
        _parkedUntil = until;
        BatonClusterLog.RunParked(runtime.Logger, RunId, until, reason);
    }

    private async Task<(IGrainReminder? Reminder, DateTimeOffset? Until)> FindWakeReminderAsync()
    {
        foreach (var reminder in await this.GetReminders(CancellationToken.None).ConfigureAwait(true))
        {
            if (reminder.ReminderName.StartsWith(WakeReminder, StringComparison.Ordinal))
            {
                return long.TryParse(reminder.ReminderName.AsSpan(WakeReminder.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                    ? (reminder, DateTimeOffset.FromUnixTimeMilliseconds(ms))
                    : (reminder, null);
            }
        }

        return (null, null);
    }

    private async Task DropReminderAsync(string name)
    {
        if (await this.GetReminder(name, CancellationToken.None).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder, CancellationToken.None).ConfigureAwait(true);
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
    };
}
