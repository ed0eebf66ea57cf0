using System.Globalization;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Orleans.Grains;

/// <summary>People in the loop: a run that waits for a person holds no activation; an answer or its due time continues it.</summary>
internal sealed partial class RunGrain
{
    public async Task<ClusterInputResult> ProvideInputAsync(HumanAnswer answer, string respondent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ClusterInputResult.ThrowIfInvalidRespondent(respondent);
        if (_execution is not null)
        {
            return NotWaiting($"Run '{RunId}' is executing on silo {RuntimeIdentity}: it does not wait for input now. The answer was not taken.", null);
        }

        var journal = await runtime.Store.ReadAsync(RunId, cancellationToken).ConfigureAwait(true);
        if (journal.Count == 0)
        {
            DeactivateWhenUnwatched();
            throw new ArgumentException($"No run with id '{RunId}' is in the cluster's journal.", nameof(answer));
        }

        var state = RunState.FromEvents(journal);
        if (state.Status != RunStatus.AwaitingInput)
        {
            DeactivateWhenUnwatched();
            var why = state.IsEnded ? $"it ended {state.Status}: {state.Reason}" : "it is running (or parked, or about to be continued by a silo)";
            return NotWaiting($"Run '{RunId}' is not waiting for input: {why}. The answer was not taken.", state);
        }

        // The silo must have the orchestration in the version the run started with; otherwise the run stays waiting.
        var registration = Resolve(state);

        // From the answer on the run executes here: a silo that dies after the answer is journaled leaves a tick behind.
        await RegisterRecoveryReminderAsync().ConfigureAwait(true);
        if (_execution is not null)
        {
            return NotWaiting($"Run '{RunId}' was continued by another call meanwhile: it does not wait for input now. The answer was not taken.", null);
        }

        // The runner reads and validates the answer against the step's contract before it writes anything; the call
        // returns as soon as the answer (or the wait's timeout) is journaled, and the run goes on here.
        var decided = new TaskCompletionSource<JournalEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var given = new TaskCompletionSource<InputResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var execution = Begin(
            registration,
            journal.Count,
            validate: false,
            async (runner, orchestration, token) =>
            {
                try
                {
                    var result = await runner.ProvideInputAsync(orchestration, RunId, answer, respondent, token).ConfigureAwait(true);
                    given.TrySetResult(result);
                    return result.Run;
                }
                catch (Exception ex)
                {
                    given.TrySetException(ex);
                    throw;
                }
            },
            onAppend: events =>
            {
                foreach (var e in events)
                {
                    if (e is InputProvided or InputTimedOut)
                    {
                        decided.TrySetResult(e);
                    }
                }
            });

        // An answer that is not taken ends the execution at once; waiting for it to settle the run's reminders means
        // the next call (another answer) finds the run waiting again, not still executing.
        await Task.WhenAny(decided.Task, execution.Completion).ConfigureAwait(true);
        return decided.Task.IsCompletedSuccessfully
            ? Decided(decided.Task.Result, state.PendingInput, respondent)
            : FromRunner(await given.Task.ConfigureAwait(true));
    }

    /// <summary>
    /// Keeps a run that waits for a person without any activation: a due reminder at its question's due time (written
    /// before the recovery reminder goes, so the run always has the one it needs), and no other.
    /// </summary>
    private async Task HoldForInputAsync(RunState state)
    {
        string? keep = null;
        if (state.PendingInput?.DueAt is { } due)
        {
            keep = DueReminder + due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            if (await this.GetReminder(keep, CancellationToken.None).ConfigureAwait(true) is null)
            {
                // After the first tick it ticks again each recovery period, until the timeout is applied.
                await this.RegisterOrUpdateReminder(keep, ReminderDueTime(due), runtime.Options.RecoveryReminderPeriod, CancellationToken.None).ConfigureAwait(true);
            }
        }

        await DropRemindersAsync(keep).ConfigureAwait(true);
        if (state.PendingInput is { } question)
        {
            BatonClusterLog.RunWaitsForInput(runtime.Logger, RunId, question.Agent ?? string.Empty, question.Step, question.DueAt);
        }
    }

    private ClusterInputResult Decided(JournalEvent decision, InputRequested? question, string respondent) => decision switch
    {
        InputProvided => new ClusterInputResult
        {
            RunId = RunId,
            Outcome = InputOutcome.Accepted,
            Message = $"{respondent}'s answer to '{question?.Agent}' (step {question?.Step}) was taken on silo {RuntimeIdentity}; the run continues there.",
            Step = question?.Step,
            Agent = question?.Agent,
            RunStatus = RunStatus.Running,
            NextSequence = decision.Sequence,
            Silo = RuntimeIdentity,
        },
        _ => new ClusterInputResult
        {
            RunId = RunId,
            Outcome = InputOutcome.Expired,
            Message = $"The question to '{question?.Agent}' (step {question?.Step}) was due at {question?.DueAt:yyyy-MM-dd HH:mm:ss} UTC; its timeout applied instead and the answer was not taken. The run continues on silo {RuntimeIdentity}.",
            Step = question?.Step,
            Agent = question?.Agent,
            RunStatus = RunStatus.Running,
            NextSequence = decision.Sequence,
            Silo = RuntimeIdentity,
        },
    };

    private ClusterInputResult FromRunner(InputResult result) => new()
    {
        RunId = RunId,
        Outcome = result.Outcome,
        Message = result.Message,
        Errors = result.Errors,
        Step = result.Request?.Step,
        Agent = result.Request?.Agent,
        RunStatus = result.Run.Status,
        NextSequence = result.Run.Journal.Count,
        Silo = RuntimeIdentity,
    };

    private ClusterInputResult NotWaiting(string message, RunState? state) => new()
    {
        RunId = RunId,
        Outcome = InputOutcome.NotWaiting,
        Message = message,
        Step = state?.PendingInput?.Step,
        Agent = state?.PendingInput?.Agent,
        RunStatus = state?.Status ?? RunStatus.Running,
        NextSequence = state?.EventCount ?? 0,
        Silo = RuntimeIdentity,
    };
}
