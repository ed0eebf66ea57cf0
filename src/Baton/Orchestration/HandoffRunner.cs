using Baton.Context;
using Baton.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Orchestration;

/// <summary>Runs orchestrations: starts runs, resumes them from their journals, and always ends them with a status and a reason.</summary>
/// <remarks>Thread-safe: one runner may execute many runs concurrently. It keeps no run state of its own.</remarks>
public sealed class HandoffRunner
{
    private readonly HandoffRunnerOptions _options;
    private readonly ILogger _logger;
    private readonly RunObservers _observers;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (in-memory store, system clock).</param>
    /// <exception cref="ArgumentException">The options' limits are not valid.</exception>
    public HandoffRunner(HandoffRunnerOptions? options = null)
    {
        _options = options ?? new HandoffRunnerOptions();
        ThrowIfInvalid(_options.Limits);
        if (string.IsNullOrWhiteSpace(_options.WorkerId))
        {
            throw new ArgumentException("HandoffRunnerOptions.WorkerId is empty: set it to this worker's id (the default is host:pid).", nameof(options));
        }
        _logger = _options.LoggerFactory?.CreateLogger("Baton") ?? NullLogger.Instance;
        var observers = _options.Observers.ToList();
        if (_options.LoggerFactory is not null)
        {
            observers.Insert(0, new LoggingRunObserver(_logger));
        }

        _observers = new RunObservers(observers, _logger);
    }

    /// <summary>Gets the store the runner writes journals to.</summary>
    public IRunStore Store => _options.Store;

    /// <summary>Runs an orchestration on a task.</summary>
    /// <param name="orchestration">The orchestration.</param>
    /// <param name="task">The task as the user asked it.</param>
    /// <param name="cancellationToken">A token to cancel the run; a cancelled run ends with <see cref="RunStatus.Cancelled"/> and keeps its journal.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The task is empty.</exception>
    /// <exception cref="OrchestrationConfigurationException">The orchestration is not valid (thrown before any model call).</exception>
    public Task<RunResult> RunAsync(Orchestration orchestration, string task, CancellationToken cancellationToken = default) =>
        RunAsync(orchestration, HandoffContext.Create(task), null, cancellationToken);

    /// <summary>Runs an orchestration on a context (task, intent, constraints and any initial outputs).</summary>
    /// <param name="orchestration">The orchestration.</param>
    /// <param name="context">The starting context.</param>
    /// <param name="options">Options for this run, if any.</param>
    /// <param name="cancellationToken">A token to cancel the run; a cancelled run ends with <see cref="RunStatus.Cancelled"/> and keeps its journal.</param>
    /// <returns>The result.</returns>
    /// <exception cref="OrchestrationConfigurationException">The orchestration is not valid (thrown before any model call).</exception>
    /// <exception cref="InvalidOperationException">A run with the requested id already exists.</exception>
    public async Task<RunResult> RunAsync(Orchestration orchestration, HandoffContext context, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(context);
        orchestration.ValidateForRun(context.Outputs.IsEmpty ? null : context.Outputs.Keys);
        var limits = options?.Limits ?? _options.Limits;
        ThrowIfInvalid(limits);
        var runId = options?.RunId ?? _options.RunIdFactory();
        ArgumentException.ThrowIfNullOrWhiteSpace(runId, nameof(options));
        if (options?.RunId is not null && (await _options.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            throw new InvalidOperationException($"A run with id '{runId}' already exists. Use ResumeAsync to continue it, or choose another id.");
        }

        // Lease: the execution that starts a run holds epoch 1, owned by this runner's worker id.
        var session = new RunSession(runId, _options.Store, _options.TimeProvider, _observers, [])
        {
            TokenCounter = _options.TokenCounter,
            ContextCompressor = _options.ContextCompressor,
            Redactor = _options.Redactor,
            LeaseEpoch = 1,
            LeaseOwner = _options.WorkerId,
        };
        await session.StartAsync(
            new RunStarted
            {
                Orchestration = orchestration.Name,
                Task = context.OriginalTask,
                Intent = context.Intent,
                Constraints = context.Constraints,
                Limits = limits,
                LeaseOwner = _options.WorkerId,
                DefinitionHash = options?.DefinitionHash ?? options?.SpecHash,
                SpecPath = options?.SpecPath,
                SpecHash = options?.SpecHash,
                Model = options?.Model,
            },
            context.Outputs.IsEmpty ? [] : context.Outputs.Values,
            cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(orchestration, session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues a run from its journal: recorded model answers are replayed, never re-sent; a call that was sent
    /// but not answered is sent again. A run that already ended is returned as it is.
    /// </summary>
    /// <param name="orchestration">The same orchestration the run was started with.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">No run with that id is in the store, or it was started by another orchestration.</exception>
    /// <exception cref="ReplayMismatchException">The orchestration or its prompts changed since the run was recorded.</exception>
    public async Task<RunResult> ResumeAsync(Orchestration orchestration, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var recorded = await _options.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        if (recorded.Count == 0)
        {
            throw new ArgumentException($"No run with id '{runId}' is in the store. List runs with IRunStore.ListRunsAsync.", nameof(runId));
        }

        var state = RunState.FromEvents(recorded);
        if (state.IsEnded)
        {
            return RunResult.FromJournal(recorded);
        }

        if (state.Orchestration != orchestration.Name)
        {
            throw new ArgumentException(
                $"Run '{runId}' was started by orchestration '{state.Orchestration}', not '{orchestration.Name}'. Resume it with the orchestration it was started with.",
                nameof(orchestration));
        }

        orchestration.Validate(state.Context!.Outputs.Keys);
        // Lease: a resume takes the next epoch when it goes live (run_resumed); from then on the store refuses the
        // execution it replaces.
        var session = new RunSession(runId, _options.Store, _options.TimeProvider, _observers, recorded)
        {
            TokenCounter = _options.TokenCounter,
            ContextCompressor = _options.ContextCompressor,
            Redactor = _options.Redactor,
            LeaseEpoch = (state.Lease?.Epoch ?? 0) + 1,
            LeaseOwner = _options.WorkerId,
        };
        session.ReplayPrologue();
        return await ExecuteAsync(orchestration, session, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<RunResult> ExecuteAsync(Orchestration orchestration, RunSession session, CancellationToken cancellationToken)
    {
        StepOutcome outcome;
        try
        {
            outcome = await orchestration.ExecuteAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = StepOutcome.Stop(RunStatus.Cancelled, $"The caller cancelled the run during step {session.State.StepCount}.");
        }
        catch (Exception ex) when (ex is not ReplayMismatchException and not JournalConcurrencyException)
        {
            // A run always ends and says why, even when an orchestration has a bug.
            BatonLog.OrchestrationFailed(_logger, ex, session.RunId, orchestration.Name);
            outcome = StepOutcome.Stop(RunStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }

        var state = session.State;
        var final = outcome.IsCompleted && orchestration.ResultOutput is { } result && session.Context.Outputs.ContainsKey(result)
            ? result
            : state.LastOutputName;
        await session.EndAsync(outcome.Status, outcome.Reason ?? "All steps completed.", final).ConfigureAwait(false);
        return RunResult.FromSession(session);
    }

    private static void ThrowIfInvalid(Guards.RunLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = limits.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(limits));
        }
    }
}
