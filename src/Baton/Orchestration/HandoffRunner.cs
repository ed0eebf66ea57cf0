using System.Collections.Immutable;
using Baton.Context;
using Baton.Guards;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration.Runtime;
using Baton.Orchestration.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Orchestration;

/// <summary>
/// Runs orchestrations: starts runs, resumes them from their journals, replays them without calling a model, takes
/// people's answers to runs that wait for them, and always ends them with a status and a reason.
/// </summary>
/// <remarks>
/// Thread-safe: one runner may execute many runs concurrently. It keeps no run state of its own, and copies its
/// options when it is built (changing the options afterwards does not affect it).
/// </remarks>
public sealed partial class HandoffRunner
{
    private readonly IRunStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly RunLimits _limits;
    private readonly Func<string> _runIdFactory;
    private readonly TurnSettings _turns;
    private readonly ILogger _logger;
    private readonly RunObservers _observers;
    private readonly Secrets.SecretRedactor? _redactor;
    private readonly string _workerId;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (in-memory store, system clock).</param>
    /// <exception cref="OrchestrationConfigurationException">The options are not valid; the message lists every problem.</exception>
    public HandoffRunner(HandoffRunnerOptions? options = null)
    {
        options ??= new HandoffRunnerOptions();
        OptionsValidation.ThrowIfInvalid(nameof(HandoffRunnerOptions), options.CollectErrors());
        _store = options.Store;
        _timeProvider = options.TimeProvider;
        _limits = options.Limits;
        _runIdFactory = options.RunIdFactory;
        _turns = new TurnSettings(options.TokenCounter, options.ContextCompressor);
        _redactor = options.Redactor;
        _workerId = options.WorkerId;
        _logger = options.LoggerFactory?.CreateLogger("Baton") ?? NullLogger.Instance;
        var observers = options.Observers.ToList();
        if (options.LoggerFactory is not null)
        {
            observers.Insert(0, new LoggingRunObserver(_logger));
        }

        _observers = new RunObservers(observers, _logger);
    }

    /// <summary>Gets the store the runner writes journals to.</summary>
    public IRunStore Store => _store;

    /// <summary>Runs an orchestration on a task.</summary>
    /// <param name="orchestration">The orchestration.</param>
    /// <param name="task">The task as the user asked it.</param>
    /// <param name="cancellationToken">A token to cancel the run; a cancelled run ends with <see cref="RunStatus.Cancelled"/>, keeps its journal and can be resumed.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The task is empty.</exception>
    /// <exception cref="OrchestrationConfigurationException">The orchestration is not valid (thrown before any model call).</exception>
    public Task<RunResult> RunAsync(Orchestration orchestration, string task, CancellationToken cancellationToken = default) =>
        RunAsync(orchestration, HandoffContext.Create(task), null, cancellationToken);

    /// <summary>Runs an orchestration on a context (task, intent, constraints and any initial outputs).</summary>
    /// <param name="orchestration">The orchestration.</param>
    /// <param name="context">The starting context.</param>
    /// <param name="options">Options for this run, if any.</param>
    /// <param name="cancellationToken">A token to cancel the run; a cancelled run ends with <see cref="RunStatus.Cancelled"/>, keeps its journal and can be resumed.</param>
    /// <returns>The result.</returns>
    /// <exception cref="OrchestrationConfigurationException">The orchestration or the run's limits are not valid (thrown before any model call).</exception>
    /// <exception cref="InvalidOperationException">A run with the requested id already exists.</exception>
    public async Task<RunResult> RunAsync(Orchestration orchestration, HandoffContext context, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(context);
        orchestration.ValidateForRun(context.Outputs.IsEmpty ? null : context.Outputs.Keys);
        var limits = options?.Limits ?? _limits;
        ThrowIfInvalid(limits);
        var runId = options?.RunId ?? _runIdFactory();
        ArgumentException.ThrowIfNullOrWhiteSpace(runId, nameof(options));
        if (options?.RunId is not null && (await _store.ReadAsync(runId, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            throw new InvalidOperationException($"A run with id '{runId}' already exists. Use ResumeAsync to continue it, or choose another id.");
        }

        var cursor = StartJournal(runId);
        await cursor.StartAsync(
            new RunStarted
            {
                Orchestration = orchestration.Name,
                Task = context.OriginalTask,
                Intent = context.Intent,
                Constraints = context.Constraints,
                Limits = limits,

                // The cursor would add it, but only by copying the event.
                LeaseOwner = _workerId,
                DefinitionHash = options?.DefinitionHash ?? options?.SpecHash,
                SpecPath = options?.SpecPath,
                SpecHash = options?.SpecHash,
                Model = options?.Model,
            },
            context.Outputs.IsEmpty ? [] : context.Outputs.Values,
            cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(orchestration, cursor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the journal of a new run: this runner's store, clock, redaction and observers, under the run's first lease
    /// (epoch 1, owned by this runner's worker id). Every new run's events go through such a cursor, including runs
    /// another Baton package records (Baton.Evaluation's judges).
    /// </summary>
    /// <param name="runId">The new run's id.</param>
    /// <param name="timeProvider">The clock that stamps the events, when not the runner's (a judge's calls are journaled after they happened, at their own times).</param>
    /// <returns>The cursor; write the run's start with <see cref="JournalCursor.StartAsync"/>.</returns>
    internal JournalCursor StartJournal(string runId, TimeProvider? timeProvider = null) =>
        new(runId, _store, timeProvider ?? _timeProvider, _observers) { Redactor = _redactor, LeaseEpoch = 1, LeaseOwner = _workerId };

    /// <summary>
    /// Continues a run from its journal: recorded model answers are replayed, never re-sent; a call that was sent
    /// but not answered is sent again. An interrupted or cancelled run continues; a run that waits for a person
    /// continues only once its wait timed out (the agent's fallback applies; answers go through
    /// <see cref="ProvideInputAsync"/>); a run that ended otherwise is returned as it is.
    /// </summary>
    /// <param name="orchestration">The same orchestration the run was started with.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">No run with that id is in the store, or it was started by another orchestration.</exception>
    /// <exception cref="ReplayMismatchException">The orchestration or its prompts changed since the run was recorded.</exception>
    public Task<RunResult> ResumeAsync(Orchestration orchestration, string runId, CancellationToken cancellationToken = default) =>
        ResumeAsync(orchestration, runId, null, cancellationToken);

    /// <summary>
    /// Continues a run from its journal (see <see cref="ResumeAsync(Orchestration, string, CancellationToken)"/>),
    /// optionally forcing a retry of a run that failed or was stopped by a guard, or changing its limits.
    /// </summary>
    /// <param name="orchestration">The same orchestration the run was started with.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="options">How to resume; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">No run with that id is in the store, or it was started by another orchestration.</exception>
    /// <exception cref="OrchestrationConfigurationException">The new limits are not valid.</exception>
    /// <exception cref="ReplayMismatchException">The orchestration or its prompts changed since the run was recorded.</exception>
    public async Task<RunResult> ResumeAsync(Orchestration orchestration, string runId, ResumeOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (options?.Limits is { } newLimits)
        {
            ThrowIfInvalid(newLimits);
        }

        var recorded = await _store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        if (recorded.Count == 0)
        {
            throw new ArgumentException($"No run with id '{runId}' is in the store. List runs with IRunStore.ListRunsAsync.", nameof(runId));
        }

        var state = RunState.FromEvents(recorded);
        var retry = !state.IsResumable && state.Status is not (RunStatus.Completed or RunStatus.AwaitingInput) && options?.RetryEnded == true;
        if (state.Status == RunStatus.AwaitingInput && PendingInput.From(state, _timeProvider.GetUtcNow()) is not { IsOverdue: true })
        {
            // It waits for a person: nothing to do until they answer (ProvideInputAsync) or the wait times out.
            return RunResult.FromJournal(recorded);
        }

        if (!state.IsResumable && !retry && state.Status != RunStatus.AwaitingInput)
        {
            return RunResult.FromJournal(recorded);
        }

        if (state.Orchestration != orchestration.Name)
        {
            throw new ArgumentException(
                $"Run '{runId}' was started by orchestration '{state.Orchestration}', not '{orchestration.Name}'. Resume it with the orchestration it was started with.",
                nameof(orchestration));
        }

        // Lease: a resume takes the next epoch when it goes live (run_resumed); from then on the store refuses the
        // execution it replaces.
        orchestration.ValidateForRun(state.Context!.Outputs.Keys);
        var cursor = new JournalCursor(runId, _store, _timeProvider, _observers, recorded, replayOnly: false, retry ? RetryHorizon(recorded) : null, options?.Limits) { Redactor = _redactor, LeaseEpoch = (state.Lease?.Epoch ?? 0) + 1, LeaseOwner = _workerId };
        cursor.ReplayPrologue();
        return await ExecuteAsync(orchestration, cursor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-executes a stored run from its journal without calling any model (every answer comes from the recording),
    /// into memory, and reports whether the re-execution reproduced the journal. The store is not changed.
    /// </summary>
    /// <param name="orchestration">The orchestration the run was started with (built from the same definition).</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the replay.</param>
    /// <returns>Whether the replay matched, and both results.</returns>
    /// <exception cref="ArgumentException">No run with that id is in the store.</exception>
    public async Task<ReplayResult> ReplayAsync(Orchestration orchestration, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var recorded = await _store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        if (recorded.Count == 0)
        {
            throw new ArgumentException($"No run with id '{runId}' is in the store. List runs with IRunStore.ListRunsAsync.", nameof(runId));
        }

        return await ReplayAsync(orchestration, recorded, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-executes a recorded journal without calling any model, into memory, and reports whether the re-execution
    /// reproduced it: every recorded event in order, and the same end. A run that was cancelled or interrupted
    /// replays up to where it stopped and keeps its recorded status.
    /// </summary>
    /// <param name="orchestration">The orchestration the run was started with (built from the same definition).</param>
    /// <param name="journal">The run's events, in order, from its <c>run_started</c>.</param>
    /// <param name="cancellationToken">A token to cancel the replay.</param>
    /// <returns>Whether the replay matched, and both results.</returns>
    /// <exception cref="ArgumentException">The journal is empty or does not begin with <c>run_started</c>.</exception>
    public async Task<ReplayResult> ReplayAsync(Orchestration orchestration, IReadOnlyList<JournalEvent> journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(journal);
        if (journal.Count == 0 || journal[0] is not RunStarted started)
        {
            throw new ArgumentException("The journal is empty or does not begin with run_started.", nameof(journal));
        }

        var recorded = RunResult.FromJournal(journal);
        if (started.Orchestration != orchestration.Name)
        {
            return ReplayResult.Diverged(recorded, null, $"Run '{started.RunId}' was started by orchestration '{started.Orchestration}', not '{orchestration.Name}'.");
        }

        var copy = new InMemoryRunStore();
        var body = journal[^1] is RunEnded ? journal.Take(journal.Count - 1).ToList() : [.. journal];
        await copy.AppendAsync(started.RunId, 0, body, cancellationToken).ConfigureAwait(false);
        var cursor = new JournalCursor(started.RunId, copy, _timeProvider, RunObservers.None, journal, replayOnly: true, retryFrom: null, newLimits: null)
        {
            // A replay writes only its end, to its in-memory copy, under the recorded run's latest lease.
            LeaseEpoch = journal.Max(static e => e.LeaseEpoch),
        };
        cursor.ReplayPrologue();
        try
        {
            var outcome = await RunOrchestrationAsync(orchestration, cursor, cancellationToken).ConfigureAwait(false);
            await EndAsync(orchestration, cursor, outcome).ConfigureAwait(false);
        }
        catch (ReplayExhaustedException)
        {
            // The orchestration needs more than the recording holds: where a cancelled or interrupted run stopped.
            var end = cursor.RecordedEnd;
            if (end is not null && end.Status != RunStatus.Cancelled)
            {
                return ReplayResult.Diverged(
                    recorded,
                    RunResult.FromCursor(cursor),
                    $"The replay needs more than the journal holds: the recorded run ended {end.Status} at event #{end.Sequence}, but the orchestration goes on (step {cursor.State.StepCount}). The orchestration changed since the run was recorded.");
            }

            if (end is not null)
            {
                await cursor.EndAsync(end.Status, end.Reason, end.FinalOutput, end.Limit).ConfigureAwait(false);
            }
        }
        catch (ReplayMismatchException ex)
        {
            return ReplayResult.Diverged(recorded, RunResult.FromCursor(cursor), ex.Message);
        }

        var replayed = RunResult.FromCursor(cursor);
        if (replayed.Status != recorded.Status || replayed.FinalText != recorded.FinalText)
        {
            return ReplayResult.Diverged(
                recorded,
                replayed,
                $"The replay ended {replayed.Status} with {Describe(replayed)}; the recorded run ended {recorded.Status} with {Describe(recorded)}.");
        }

        return ReplayResult.Match(recorded, replayed);
    }

    private static string Describe(RunResult result) => result.FinalOutput is { } output ? $"final output '{output.Name}'" : "no final output";

    /// <summary>The index of the first recorded event a forced retry supersedes: everything after the run's last recorded result.</summary>
    private static int RetryHorizon(IReadOnlyList<JournalEvent> recorded)
    {
        var superseded = SupersededRanges.Of(recorded);
        var end = recorded[^1] is RunEnded ? recorded.Count - 1 : recorded.Count;
        for (var i = end - 1; i > 0; i--)
        {
            var e = recorded[i];
            if (!superseded.Contains(e.Sequence)
                && e is OutputRecorded or RoutingDecided { NextAgent: not null } or ReviewVerdictRecorded)
            {
                return i + 1;
            }
        }

        return 1;
    }

    private async ValueTask<RunResult> ExecuteAsync(Orchestration orchestration, JournalCursor cursor, CancellationToken cancellationToken)
    {
        var outcome = await RunOrchestrationAsync(orchestration, cursor, cancellationToken).ConfigureAwait(false);
        if (!cursor.IsLive && cursor.RecordedEnd is { Status: RunStatus.AwaitingInput } && outcome.Status is RunStatus.AwaitingInput or RunStatus.Cancelled)
        {
            // Nothing happened: the run still waits for the same answer (a caller that gave up before it was written).
            return RunResult.FromJournal(cursor.Recording);
        }

        await EndAsync(orchestration, cursor, outcome).ConfigureAwait(false);
        return RunResult.FromCursor(cursor);
    }

    private async ValueTask<StepOutcome> RunOrchestrationAsync(Orchestration orchestration, JournalCursor cursor, CancellationToken cancellationToken)
    {
        try
        {
            return await orchestration.ExecuteAsync(new RunContext(cursor, _turns), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return StepOutcome.Stop(RunStatus.Cancelled, $"The caller cancelled the run during step {cursor.State.StepCount}; resume it to continue.");
        }
        catch (Exception ex) when (ex is not ReplayMismatchException and not ReplayExhaustedException and not JournalConcurrencyException and not InputRejectedException)
        {
            // A run always ends and says why, even when an orchestration has a bug.
            BatonLog.OrchestrationFailed(_logger, ex, cursor.RunId, orchestration.Name);
            return StepOutcome.Stop(RunStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static async ValueTask EndAsync(Orchestration orchestration, JournalCursor cursor, StepOutcome outcome)
    {
        var state = cursor.State;
        var final = outcome.IsCompleted && orchestration.ResultOutput is { } result && cursor.Context.Outputs.ContainsKey(result)
            ? result
            : state.LastOutputName;
        await cursor.EndAsync(outcome.Status, outcome.Reason ?? "All steps completed.", final, outcome.Limit).ConfigureAwait(false);
    }

    private static void ThrowIfInvalid(RunLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<string>();
        limits.CollectErrors(errors);
        OptionsValidation.ThrowIfInvalid(nameof(RunLimits), errors);
    }
}
