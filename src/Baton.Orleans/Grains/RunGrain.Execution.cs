using System.Globalization;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Orleans.Grains;

/// <summary>Executing a run in this activation: starting, continuing, parking and ending its execution.</summary>
internal sealed partial class RunGrain
{
    private async Task<ClusterRunInfo> EnsureExecutingAsync(IReadOnlyList<JournalEvent>? journal, bool wake, CancellationToken cancellationToken, bool cancelWhenLive = false)
    {
        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        journal ??= await runtime.Store.ReadAsync(RunId, cancellationToken).ConfigureAwait(true);
        if (journal.Count == 0)
        {
            await DropRemindersAsync().ConfigureAwait(true);
            DeactivateWhenUnwatched();
            return Info(ClusterRunPhase.Unknown, null);
        }

        var state = RunState.FromEvents(journal);
        if (state.Status == RunStatus.AwaitingInput && PendingInput.From(state, runtime.TimeProvider.GetUtcNow()) is not { IsOverdue: true })
        {
            // It waits for a person: nothing runs until an answer comes (or the due reminder applies its timeout).
            await HoldForInputAsync(state).ConfigureAwait(true);
            DeactivateWhenUnwatched();
            return Info(ClusterRunPhase.AwaitingInput, state);
        }

        if (state.IsEnded && state.Status != RunStatus.AwaitingInput)
        {
            await DropRemindersAsync().ConfigureAwait(true);
            DeactivateWhenUnwatched();
            return Info(ClusterRunPhase.Ended, state);
        }

        if (await FindWakeReminderAsync().ConfigureAwait(true) is { Reminder: { } wakeReminder } parked)
        {
            if (!wake)
            {
                _parkedUntil = parked.Until;
                DeactivateWhenUnwatched();
                return Info(ClusterRunPhase.Parked, state);
            }

            // The recovery reminder takes over before the wake reminder goes: there is always one.
            await RegisterRecoveryReminderAsync().ConfigureAwait(true);
            await this.UnregisterReminder(wakeReminder, CancellationToken.None).ConfigureAwait(true);
        }

        // A run that was interrupted, cancelled, parked, or whose wait for a person is past due continues here.
        var registration = Resolve(state);
        await RegisterRecoveryReminderAsync().ConfigureAwait(true);
        if (_execution is not null)
        {
            return Info(ClusterRunPhase.Executing, null);
        }

        Begin(registration, journal.Count, validate: false, (runner, orchestration, token) => runner.ResumeAsync(orchestration, RunId, token), cancelWhenLive);
        BatonClusterLog.RunContinued(runtime.Logger, RunId, registration.Name, RuntimeIdentity, state.EventCount);
        return Info(ClusterRunPhase.Executing, state);
    }

    /// <summary>Finds the run's orchestration in the version its journal recorded, or refuses the run and leaves it as it is.</summary>
    private RegisteredOrchestration Resolve(RunState state)
    {
        try
        {
            return runtime.Options.Orchestrations.Resolve(RunId, state.Orchestration, state.DefinitionHash, RuntimeIdentity);
        }
        catch (OrchestrationUnavailableException ex)
        {
            // Leave the run and its reminders alone, and let the next attempt be placed anew.
            BatonClusterLog.OrchestrationUnavailable(runtime.Logger, RunId, ex.Message);
            DeactivateWhenUnwatched();
            throw;
        }
    }

    private RunExecution Begin(
        RegisteredOrchestration registration,
        long firstSequence,
        bool validate,
        Func<HandoffRunner, Orchestration.Orchestration, CancellationToken, Task<RunResult>> start,
        bool cancelWhenLive = false,
        Action<IReadOnlyList<JournalEvent>>? onAppend = null)
    {
        var journal = new ExecutionJournal(runtime.Store, _feed);
        var execution = new RunExecution(journal, firstSequence);

        // The first live write (run_resumed) comes before any model call: cancel right after it.
        journal.AfterAppend = cancelWhenLive ? _ => execution.Cancel() : onAppend;

        var orchestration = runtime.BuildOrchestration(registration, RunId, execution);
        if (validate)
        {
            // Configuration errors reach the caller before anything is written.
            orchestration.Validate();
        }

        var runner = runtime.CreateRunner(journal);
        _execution = execution;
        _parkedUntil = null;
        _deactivateWhenUnwatched = false;
        DelayDeactivation(s_keepAliveWhileExecuting);
        execution.Completion = ExecuteAsync(execution, () => start(runner, orchestration, execution.Token));
        return execution;
    }

    private async Task<RunResult?> ExecuteAsync(RunExecution execution, Func<Task<RunResult>> start)
    {
        RunResult? result = null;
        try
        {
            result = await start().ConfigureAwait(true);
        }
        catch (LeaseLostException ex)
        {
            // The store refused this execution's write: another execution took the run's next lease (this silo was
            // paused or cut off, or lost a race). It stops for good; the run goes on under its new owner.
            BatonClusterLog.LeaseLost(runtime.Logger, RunId, RuntimeIdentity, ex.WriterEpoch, ex.CurrentLease?.Epoch ?? 0, ex.CurrentLease?.Owner ?? "?");
        }
        catch (JournalConcurrencyException ex)
        {
            // Parked, handed over, or another execution advanced the run: this one stops without writing.
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

                // Back to Orleans' idle collection, should the deactivation below wait for a watch that never closes.
                DelayDeactivation(TimeSpan.Zero);
            }
        }

        try
        {
            if (result is not null)
            {
                BatonClusterLog.RunEnded(runtime.Logger, RunId, result.Status, RuntimeIdentity);
                if (result.Status == RunStatus.AwaitingInput)
                {
                    await HoldForInputAsync(RunState.FromEvents(result.Journal)).ConfigureAwait(true);
                }
                else
                {
                    await DropRemindersAsync().ConfigureAwait(true);
                }

                DeactivateWhenUnwatched();
            }
            else if (execution.ParkedUntil is { } until)
            {
                await ParkAsync(until, execution.ParkReason ?? "parked").ConfigureAwait(true);
                _feed.EndAll(ClusterJournalEntry.ParkedMarker, execution.Journal.NextSequence);
                DeactivateWhenUnwatched();
            }
            else
            {
                _feed.EndAll(ClusterJournalEntry.InterruptedMarker, execution.Journal.NextSequence);
                DeactivateWhenUnwatched();
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
        var due = ReminderDueTime(until);

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
                return (reminder, TimeOf(reminder.ReminderName, WakeReminder));
            }
        }

        return (null, null);
    }

    private Task<IGrainReminder> RegisterRecoveryReminderAsync() =>
        this.RegisterOrUpdateReminder(RecoveryReminder, runtime.Options.RecoveryReminderPeriod, runtime.Options.RecoveryReminderPeriod, CancellationToken.None);

    private async Task DropReminderAsync(string name)
    {
        if (await this.GetReminder(name, CancellationToken.None).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder, CancellationToken.None).ConfigureAwait(true);
        }
    }

    /// <summary>Drops every reminder of the run except <paramref name="keep"/>: an ended run needs none.</summary>
    private async Task DropRemindersAsync(string? keep = null)
    {
        foreach (var reminder in await this.GetReminders(CancellationToken.None).ConfigureAwait(true))
        {
            if (!string.Equals(reminder.ReminderName, keep, StringComparison.Ordinal))
            {
                await this.UnregisterReminder(reminder, CancellationToken.None).ConfigureAwait(true);
            }
        }
    }

    /// <summary>How long from now until <paramref name="at"/>, as a reminder's due time: never negative, at most 30 days.</summary>
    private TimeSpan ReminderDueTime(DateTimeOffset at)
    {
        var due = at - runtime.TimeProvider.GetUtcNow();
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > s_longestReminderWait ? s_longestReminderWait : due;
    }

    private static DateTimeOffset? TimeOf(string reminderName, string prefix) =>
        long.TryParse(reminderName.AsSpan(prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
