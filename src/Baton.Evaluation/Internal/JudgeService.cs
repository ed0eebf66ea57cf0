using Baton.Evaluation.Expectations;
using Baton.Orchestration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Internal;

/// <summary>Runs evaluators for expectations: picks the judge model, answers from recordings in a replay, journals every call, and interprets the result.</summary>
internal sealed class JudgeService(EvalOptions options, HandoffRunner runner, TimeProvider timeProvider, JudgeRecordings? recordings)
{
    public IEvaluator? FindEvaluator(string name) => options.Evaluators.TryGetValue(name, out var evaluator) ? evaluator : null;

    public async ValueTask<ExpectationResult> EvaluateAsync(
        Expectation expectation,
        IEvaluator evaluator,
        string? model,
        ExpectationContext context,
        IReadOnlyList<ChatMessage> messages,
        ChatResponse response,
        IReadOnlyList<EvaluationContext> additionalContext,
        CancellationToken cancellationToken)
    {
        var live = model is null ? options.JudgeClient : options.JudgeModelResolver?.Invoke(model);
        if (live is null && recordings is null)
        {
            return Result(expectation, ExpectationOutcome.NotEvaluated, model is null
                ? "not evaluated: no judge model (pass --judge-model, or name one with 'model' on the expectation)"
                : $"not evaluated: the judge model '{model}' is not available");
        }

        var recorder = new JudgeRecorder(live, recordings, timeProvider);
        ExpectationResult verdict;
        try
        {
            var result = await evaluator.EvaluateAsync(messages, response, new ChatConfiguration(recorder), additionalContext, cancellationToken).ConfigureAwait(false);
            var (outcome, message) = JudgeInterpretation.Interpret(result);
            verdict = Result(expectation, outcome, message);
        }
        catch (JudgeUnavailableException ex)
        {
            verdict = Result(expectation, ExpectationOutcome.NotEvaluated, $"not evaluated: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            verdict = Result(expectation, ExpectationOutcome.Error, $"judge error: {ex.GetType().Name}: {ex.Message}");
        }

        var calls = recorder.Calls;
        if (calls.Count == 0)
        {
            return verdict;
        }

        var recordedRuns = calls.Select(c => c.RecordedRunId).Distinct(StringComparer.Ordinal).ToList();
        if (recordedRuns is [{ } recordedRun])
        {
            // Every answer came from one earlier judge run: its journal already holds them.
            return verdict with { JudgeRunId = recordedRun };
        }

        var runId = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        var judge = evaluator.GetType().Name;
        await JudgeJournal.WriteAsync(runner, runId, judge, context.Case, context.Repeat, context.Run?.RunId, verdict, calls, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return verdict with { JudgeRunId = runId };
    }

    private static ExpectationResult Result(Expectation expectation, ExpectationOutcome outcome, string message) =>
        new(expectation.Kind, expectation.Description, outcome, message);
}
