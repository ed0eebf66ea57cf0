using System.Collections.Immutable;
using Baton.Context;
using Baton.Evaluation.Expectations;
using Baton.Evaluation.Internal;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Evaluation;

/// <summary>
/// Runs an orchestration over a data set of cases, end to end, through a <see cref="HandoffRunner"/>: every run is
/// journaled in the runner's store as usual, at most <see cref="EvalOptions.Concurrency"/> at once, and checked
/// against its case's expectations, which read the run's journal.
/// </summary>
/// <remarks>
/// A judge's calls are journaled as a run of their own through the same runner, so the runner's
/// <see cref="HandoffRunnerOptions.Redactor"/>, observers and worker id apply to judge runs as to case runs.
/// Thread-safe: one evaluation runner may run several evaluations. With <see cref="EvalOptions.Replay"/> no case
/// runs: the recorded runs are read from the store and re-scored, without calling a model.
/// </remarks>
public sealed class EvalRunner
{
    private readonly HandoffRunner _runner;
    private readonly EvalOptions _options;

    /// <summary>Creates an evaluation runner.</summary>
    /// <param name="runner">The runner that runs each case (its store keeps every run's journal).</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public EvalRunner(HandoffRunner runner, EvalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
        _options = options ?? new EvalOptions();
        _options.Validate();
    }

    /// <summary>Runs every case (each <see cref="EvalOptions.Repeat"/> times) and checks its expectations.</summary>
    /// <param name="orchestration">The orchestration to evaluate.</param>
    /// <param name="cases">The cases.</param>
    /// <param name="cancellationToken">A token to cancel the evaluation: runs in flight end as cancelled (their journals are kept) and no more start.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">There are no cases, two cases share an id, or a case names an evaluator that is not registered.</exception>
    /// <exception cref="OrchestrationConfigurationException">The orchestration is not valid (thrown before any model call).</exception>
    /// <exception cref="OperationCanceledException">The evaluation was cancelled.</exception>
    public async Task<EvalReport> RunAsync(Orchestration.Orchestration orchestration, IReadOnlyList<EvalCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(cases);
        ThrowIfInvalid(cases);
        orchestration.Validate();
        var time = _options.TimeProvider;
        var started = time.GetUtcNow();
        var startedTimestamp = time.GetTimestamp();
        var judges = new JudgeService(_options, _runner, time, await LoadRecordingsAsync(cancellationToken).ConfigureAwait(false));
        var work = cases.SelectMany(c => Enumerable.Range(1, _options.Repeat).Select(r => (Case: c, Repeat: r))).ToArray();
        var results = new EvalCaseResult[work.Length];
        var progress = new ProgressCounter(work.Length);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var (evalCase, repeat) = work[index];
                var result = await RunCaseAsync(orchestration, evalCase, repeat, judges, token).ConfigureAwait(false);
                results[index] = result;
                progress.Report(result, time.GetElapsedTime(startedTimestamp), _options.OnRunCompleted);
            }).ConfigureAwait(false);

        return new EvalReport
        {
            Name = _options.Name,
            Metadata = new Dictionary<string, string>(_options.Metadata, StringComparer.Ordinal),
            StartedAt = started,
            FinishedAt = time.GetUtcNow(),
            Concurrency = _options.Concurrency,
            Repeat = _options.Repeat,
            IsRehearsal = _options.IsRehearsal,
            IsReplay = _options.Replay is not null,
            Results = results,
        };
    }

    private async Task<EvalCaseResult> RunCaseAsync(Orchestration.Orchestration orchestration, EvalCase evalCase, int repeat, JudgeService judges, CancellationToken cancellationToken)
    {
        var (run, status, reason) = _options.Replay is null
            ? await RunLiveAsync(orchestration, evalCase, cancellationToken).ConfigureAwait(false)
            : await ReadRecordedAsync(evalCase, repeat, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<EvalStep> steps = run is null ? [] : EvalStep.FromJournal(run.Journal);
        var context = new ExpectationContext(evalCase, repeat, status, reason, run, steps, orchestration, _options.IsRehearsal, judges);
        var expectations = evalCase.Expectations.Any(e => e is StatusExpectation) ? evalCase.Expectations : evalCase.Expectations.Insert(0, new StatusExpectation("completed"));
        var checks = ImmutableArray.CreateBuilder<ExpectationResult>(expectations.Length);
        foreach (var expectation in expectations)
        {
            checks.Add(await CheckAsync(expectation, context, cancellationToken).ConfigureAwait(false));
        }

        // A run the runner could not run or read says nothing about the pipeline: an error, not a failure.
        var outcome = status == CaseStatus.Error ? CaseOutcome.Error
            : checks.Any(c => c.Outcome == ExpectationOutcome.Failed) ? CaseOutcome.Failed
            : checks.Any(c => c.Outcome == ExpectationOutcome.Error) ? CaseOutcome.Error
            : CaseOutcome.Passed;
        var final = run?.FinalOutput;
        var finalText = final is null ? null : ExpectationContext.TextOf(final);
        return new EvalCaseResult
        {
            Case = evalCase,
            Repeat = repeat,
            RunId = run?.RunId,
            Status = status,
            Reason = reason,
            Outcome = outcome,
            Expectations = checks.MoveToImmutable(),
            Steps = [.. steps],
            InputTokens = run?.InputTokens ?? 0,
            OutputTokens = run?.OutputTokens ?? 0,
            StepCount = run?.Steps ?? 0,
            ModelCalls = run?.ModelCalls ?? 0,
            DurationMs = run?.Duration.TotalMilliseconds ?? 0,
            FinalOutputName = final?.Name,
            FinalPreview = finalText is null ? null : finalText.Length <= EvalCaseResult.PreviewChars ? finalText : finalText[..EvalCaseResult.PreviewChars],
        };
    }

    private async Task<(RunResult? Run, string Status, string Reason)> RunLiveAsync(Orchestration.Orchestration orchestration, EvalCase evalCase, CancellationToken cancellationToken)
    {
        HandoffContext context;
        try
        {
            context = HandoffContext.Create(evalCase.Task, evalCase.Intent ?? _options.DefaultIntent, evalCase.Constraints.IsDefaultOrEmpty ? _options.DefaultConstraints : evalCase.Constraints);
        }
        catch (ArgumentException ex)
        {
            return (null, CaseStatus.Rejected, $"the run was refused before it started: {ex.Message}");
        }

        try
        {
            var run = await _runner.RunAsync(orchestration, context, new RunOptions { Limits = _options.Limits }, cancellationToken).ConfigureAwait(false);
            return (run, CaseStatus.Of(run.Status), run.Reason);
        }
        catch (Exception ex) when (ex is not OrchestrationConfigurationException && ex is not OperationCanceledException)
        {
            return (null, CaseStatus.Error, $"the runner failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<(RunResult? Run, string Status, string Reason)> ReadRecordedAsync(EvalCase evalCase, int repeat, CancellationToken cancellationToken)
    {
        var recorded = _options.Replay!.Find(evalCase.Id, repeat);
        if (recorded is null)
        {
            return (null, CaseStatus.Error, $"{_options.Replay.Source} has no run of case '{evalCase.Id}' (repeat {repeat}); run the evaluation without replay to record one");
        }

        if (recorded.RunId is null)
        {
            return (null, recorded.Status, recorded.Reason);
        }

        var journal = await _runner.Store.ReadAsync(recorded.RunId, cancellationToken).ConfigureAwait(false);
        if (journal.Count == 0)
        {
            return (null, CaseStatus.Error, $"run {recorded.RunId} of case '{evalCase.Id}' is not in the store; replay against the store the evaluation ran with (--store)");
        }

        try
        {
            var run = RunResult.FromJournal(journal);
            return (run, CaseStatus.Of(run.Status), run.Reason);
        }
        catch (InvalidOperationException ex)
        {
            return (null, CaseStatus.Error, $"run {recorded.RunId}'s journal cannot be read: {ex.Message}");
        }
    }

    private static async ValueTask<ExpectationResult> CheckAsync(Expectation expectation, ExpectationContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await expectation.CheckAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ExpectationResult(expectation.Kind, expectation.Description, ExpectationOutcome.Error, $"the check threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<JudgeRecordings?> LoadRecordingsAsync(CancellationToken cancellationToken)
    {
        if (_options.Replay is not { } replay)
        {
            return null;
        }

        var recordings = new JudgeRecordings();
        foreach (var judgeRun in replay.Runs.SelectMany(r => r.JudgeRunIds).Distinct(StringComparer.Ordinal))
        {
            recordings.Add(await _runner.Store.ReadAsync(judgeRun, cancellationToken).ConfigureAwait(false));
        }

        return recordings;
    }

    private void ThrowIfInvalid(IReadOnlyList<EvalCase> cases)
    {
        if (cases.Count == 0)
        {
            throw new ArgumentException("There are no cases to evaluate.", nameof(cases));
        }

        var duplicate = cases.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Case id '{duplicate.Key}' is used {duplicate.Count()} times; give every case a unique id (baselines compare cases by id).", nameof(cases));
        }

        var missing = cases.SelectMany(c => c.Expectations.OfType<EvaluatorExpectation>().Select(e => e.Evaluator))
            .Where(name => !_options.Evaluators.ContainsKey(name)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"Cases name evaluators that are not registered: {string.Join(", ", missing)}. Register them in EvalOptions.Evaluators"
                + (_options.Evaluators.Count == 0 ? "." : $" (registered: {string.Join(", ", _options.Evaluators.Keys)})."),
                nameof(cases));
        }
    }

    /// <summary>Counts finished runs and reports them one at a time, in completion order.</summary>
    private sealed class ProgressCounter(int total)
    {
        private readonly Lock _lock = new();
        private int _completed;
        private int _passed;
        private int _failed;
        private int _errors;

        public void Report(EvalCaseResult result, TimeSpan elapsed, Action<EvalProgress>? callback)
        {
            lock (_lock)
            {
                _completed++;
                _ = result.Outcome switch
                {
                    CaseOutcome.Passed => _passed++,
                    CaseOutcome.Failed => _failed++,
                    _ => _errors++,
                };
                try
                {
                    callback?.Invoke(new EvalProgress(_completed, total, _passed, _failed, _errors, elapsed, result));
                }
#pragma warning disable CA1031 // A progress callback that throws must never break an evaluation.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
    }
}
