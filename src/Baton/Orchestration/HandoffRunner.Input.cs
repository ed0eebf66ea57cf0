using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration.Runtime;
using Baton.Orchestration.Turns;

namespace Baton.Orchestration;

/// <summary>People in the loop: answers to waiting runs, the list of waits, and their timeouts.</summary>
public sealed partial class HandoffRunner
{
    /// <summary>
    /// Gives a person's answer to a run that waits for it (<see cref="RunStatus.AwaitingInput"/>) and continues the run.
    /// The answer is read and validated by the waiting step (its output contract, its verdict format) before anything
    /// is written; an answer it takes is journaled (<see cref="InputProvided"/>) and the run goes on, with live progress
    /// for the runner's observers, until it ends or waits again.
    /// </summary>
    /// <param name="orchestration">The same orchestration the run was started with.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="answer">The answer (set <see cref="HumanAnswer.Step"/> to refuse it if the run no longer waits at that step).</param>
    /// <param name="respondent">Who answers (journaled): a user name or id, up to 200 characters, no control characters.</param>
    /// <param name="cancellationToken">A token to cancel; before the answer is written the run is left waiting, after it the run ends cancelled and can be resumed.</param>
    /// <returns>
    /// What became of the answer: <see cref="InputOutcome.Accepted"/> (the run continued), <see cref="InputOutcome.Invalid"/>
    /// (the contract's errors; the run still waits), <see cref="InputOutcome.NotWaiting"/>, <see cref="InputOutcome.Conflict"/>
    /// (another answer was taken first) or <see cref="InputOutcome.Expired"/> (the wait's timeout applied instead).
    /// </returns>
    /// <remarks>
    /// Safe to call from any process or worker that can reach the run's store: exactly one of several concurrent answers
    /// is taken (the store's optimistic concurrency decides), the others get <see cref="InputOutcome.Conflict"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">No run with that id is in the store, it was started by another orchestration, or <paramref name="respondent"/> is not valid.</exception>
    /// <exception cref="ReplayMismatchException">The orchestration or its prompts changed since the run was recorded, or its journal holds an answer Baton did not write.</exception>
    /// <exception cref="JournalConcurrencyException">Another worker wrote to the run after this answer was taken (the answer is journaled; this call stopped without writing more).</exception>
    public async Task<InputResult> ProvideInputAsync(Orchestration orchestration, string runId, HumanAnswer answer, string respondent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(answer);
        ThrowIfInvalidRespondent(respondent);
        var recorded = await ReadRunAsync(runId, cancellationToken).ConfigureAwait(false);
        var state = RunState.FromEvents(recorded);
        if (PendingInput.From(state, _timeProvider.GetUtcNow()) is not { } pending)
        {
            var why = state.Status switch
            {
                RunStatus.Running => "it is running (or was interrupted; 'resume' continues it)",
                RunStatus.AwaitingInput => "its journal holds an answer to the question it waited on, but the run did not continue from it (the journal was changed outside Baton)",
                _ => $"it ended {state.Status}: {state.Reason}",
            };
            return new InputResult(InputOutcome.NotWaiting, $"Run '{runId}' is not waiting for input: {why}. The answer was not taken.", RunResult.FromJournal(recorded), null);
        }

        var request = pending.Request;
        if (answer.Step is { } step && step != request.Step)
        {
            return new InputResult(
                InputOutcome.NotWaiting,
                $"Run '{runId}' waits for '{request.Agent}' at step {request.Step}, not at step {step}: the question that was answered is no longer asked. The answer was not taken.",
                RunResult.FromJournal(recorded),
                request);
        }

        if (AnswerLength(answer) > BatonDefaults.HumanAnswerMaxChars)
        {
            var message = $"The answer is {AnswerLength(answer)} characters long; an answer may have at most {BatonDefaults.HumanAnswerMaxChars}. Shorten it; the run still waits.";
            return new InputResult(InputOutcome.Invalid, message, RunResult.FromJournal(recorded), request, [new Validation.OutputValidationError(string.Empty, message)]);
        }

        ThrowIfOtherOrchestration(orchestration, runId, state);
        orchestration.ValidateForRun(state.Context!.Outputs.Keys);
        if (pending.IsOverdue)
        {
            // Too late: the wait's timeout decides, whoever notices first (this answer, a resume or a sweep).
            var timedOut = await ExecuteAsync(orchestration, NewCursor(runId, recorded, answer: null), cancellationToken).ConfigureAwait(false);
            return new InputResult(
                InputOutcome.Expired,
                $"The question to '{request.Agent}' (step {request.Step}) was due at {request.DueAt:yyyy-MM-dd HH:mm:ss} UTC; its timeout applied instead and the answer was not taken. The run is now {timedOut.Status}.",
                timedOut,
                request);
        }

        var cursor = NewCursor(runId, recorded, new GivenAnswer(answer, respondent, request.Sequence));
        try
        {
            var run = await ExecuteAsync(orchestration, cursor, cancellationToken).ConfigureAwait(false);
            if (!cursor.AnswerTaken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException($"Run '{runId}': the orchestration did not reach the question it waits on ('{request.Agent}', step {request.Step}).");
            }

            return new InputResult(InputOutcome.Accepted, $"{respondent}'s answer to '{request.Agent}' (step {request.Step}) was taken; the run is now {run.Status}.", run, request);
        }
        catch (InputRejectedException ex)
        {
            return new InputResult(InputOutcome.Invalid, ex.Message + "\nThe run still waits; answer again.", RunResult.FromJournal(recorded), request, ex.Errors);
        }
        catch (JournalConcurrencyException ex) when (!cursor.AnswerTaken)
        {
            var now = await _store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
            return new InputResult(
                InputOutcome.Conflict,
                $"Run '{runId}' was answered or continued by someone else at the same time, so this answer was not taken ({ex.Message}). Check the run before answering again.",
                RunResult.FromJournal(now),
                request);
        }
    }

    /// <summary>
    /// Lists the runs in the store that wait for a person, with the question each waits on, most urgent first (the
    /// earliest due, then the longest waiting).
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The waiting runs; <see cref="PendingInput.IsOverdue"/> marks those whose timeout applies at the next answer, resume or <see cref="ApplyExpiredWaitsAsync"/>.</returns>
    /// <remarks>Reads the store's run list and the journal of each waiting run; it writes nothing.</remarks>
    public async Task<IReadOnlyList<PendingInput>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var runs = await _store.ListRunsAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
        var pending = new List<PendingInput>();
        foreach (var run in runs)
        {
            if (run.Status != RunStatus.AwaitingInput)
            {
                continue;
            }

            var events = await _store.ReadAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            if (events.Count > 0 && PendingInput.From(RunState.FromEvents(events), now) is { } waiting)
            {
                pending.Add(waiting);
            }
        }

        return [.. pending.OrderBy(p => p.DueAt ?? DateTimeOffset.MaxValue).ThenBy(p => p.RequestedAt).ThenBy(p => p.RunId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Applies the timeout of every wait that is past its due time: the waiting step journals
    /// <see cref="InputTimedOut"/>, its agent's fallback applies (or the step fails), and the run continues. Call it on a
    /// timer (an application's background service, a cluster's reminder); answers and resumes apply an expired timeout
    /// too, so a missed sweep only delays it.
    /// </summary>
    /// <param name="orchestrationFor">Gives the orchestration each run was started with; <see langword="null"/> skips the run.</param>
    /// <param name="cancellationToken">A token to cancel the sweep.</param>
    /// <returns>The runs continued, as they are after the timeout.</returns>
    /// <remarks>A run answered or continued by another worker meanwhile is skipped (the store refuses the second writer).</remarks>
    public async Task<IReadOnlyList<RunResult>> ApplyExpiredWaitsAsync(Func<PendingInput, Orchestration?> orchestrationFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestrationFor);
        var continued = new List<RunResult>();
        foreach (var pending in await ListPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!pending.IsOverdue || orchestrationFor(pending) is not { } orchestration)
            {
                continue;
            }

            try
            {
                // Read again: the run may have been answered since the list was read.
                var recorded = await _store.ReadAsync(pending.RunId, cancellationToken).ConfigureAwait(false);
                var state = RunState.FromEvents(recorded);
                if (PendingInput.From(state, _timeProvider.GetUtcNow()) is not { IsOverdue: true } still || still.Request.Sequence != pending.Request.Sequence)
                {
                    continue;
                }

                ThrowIfOtherOrchestration(orchestration, pending.RunId, state);
                continued.Add(await ExecuteAsync(orchestration, NewCursor(pending.RunId, recorded, answer: null), cancellationToken).ConfigureAwait(false));
            }
            catch (JournalConcurrencyException)
            {
                // Another worker answered or swept it first.
            }
        }

        return continued;
    }

    private JournalCursor NewCursor(string runId, IReadOnlyList<JournalEvent> recorded, GivenAnswer? answer)
    {
        var cursor = new JournalCursor(runId, _store, _timeProvider, _observers, recorded, replayOnly: false, retryFrom: null, newLimits: null)
        {
            Redactor = _redactor,
            Answer = answer,
            LeaseEpoch = (RunState.FromEvents(recorded).Lease?.Epoch ?? 0) + 1,
            LeaseOwner = _workerId,
        };
        cursor.ReplayPrologue();
        return cursor;
    }

    private async ValueTask<IReadOnlyList<JournalEvent>> ReadRunAsync(string runId, CancellationToken cancellationToken)
    {
        var recorded = await _store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        return recorded.Count > 0
            ? recorded
            : throw new ArgumentException($"No run with id '{runId}' is in the store. List runs with IRunStore.ListRunsAsync.", nameof(runId));
    }

    private static void ThrowIfOtherOrchestration(Orchestration orchestration, string runId, RunState state)
    {
        if (state.Orchestration != orchestration.Name)
        {
            throw new ArgumentException(
                $"Run '{runId}' was started by orchestration '{state.Orchestration}', not '{orchestration.Name}'. Continue it with the orchestration it was started with.",
                nameof(orchestration));
        }
    }

    private static void ThrowIfInvalidRespondent(string respondent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(respondent);
        if (respondent.Length > BatonDefaults.RespondentMaxChars || respondent.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The respondent must be a name or id of at most {BatonDefaults.RespondentMaxChars} characters without control characters.", nameof(respondent));
        }
    }

    private static long AnswerLength(HumanAnswer answer) =>
        answer.Kind == HumanAnswerKind.Json ? answer.Value!.Value.GetRawText().Length : answer.Text?.Length ?? 0;
}
