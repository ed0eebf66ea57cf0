using System.Collections.Immutable;
using Baton.Evaluation.Baselines;
using Baton.Guards;
using Baton.Orchestration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation;

/// <summary>Options for an <see cref="EvalRunner"/>.</summary>
public sealed class EvalOptions
{
    /// <summary>The most runs an evaluation may run at once.</summary>
    public const int MaxConcurrency = 1024;

    /// <summary>The most times an evaluation may repeat each case.</summary>
    public const int MaxRepeat = 1000;

    /// <summary>Gets or sets the evaluation's name, shown in reports (the spec's name, for the CLI).</summary>
    /// <value>The default is <c>eval</c>.</value>
    public string Name { get; set; } = "eval";

    /// <summary>Gets or sets how many runs may run at once. Provider rate limits still apply through each agent's resilience middleware (429s are retried with backoff).</summary>
    /// <value>The default is 4.</value>
    public int Concurrency { get; set; } = 4;

    /// <summary>Gets or sets how many times each case runs; with more than one, reports give the pass rate's confidence interval and list flaky cases.</summary>
    /// <value>The default is 1.</value>
    public int Repeat { get; set; } = 1;

    /// <summary>Gets or sets the limits each run is held to.</summary>
    /// <value>The default is <see langword="null"/>: the runner's limits.</value>
    public RunLimits? Limits { get; set; }

    /// <summary>Gets or sets the intent for cases that give none.</summary>
    /// <value>The default is <see langword="null"/>: the first line of the case's task.</value>
    public string? DefaultIntent { get; set; }

    /// <summary>Gets or sets the constraints for cases that give none.</summary>
    /// <value>The default is empty.</value>
    public ImmutableArray<string> DefaultConstraints { get; set; } = [];

    /// <summary>Gets or sets whether the agents answer with rehearsal placeholders; expectations that read content are then reported as not evaluated.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool IsRehearsal { get; set; }

    /// <summary>Gets or sets the judge model for judge and evaluator expectations that name none.</summary>
    /// <value>The default is <see langword="null"/>: such expectations are reported as not evaluated (no judge model), never as passed.</value>
    public IChatClient? JudgeClient { get; set; }

    /// <summary>Gets or sets how a judge model named by an expectation (<c>model: openai:gpt-4o-mini</c>) becomes a chat client; <see langword="null"/> from it means the model is not available.</summary>
    /// <value>The default is <see langword="null"/>: named judge models are not available.</value>
    public Func<string, IChatClient?>? JudgeModelResolver { get; set; }

    /// <summary>Gets the evaluators <see cref="Expectations.EvaluatorExpectation"/> can name: your own <see cref="IEvaluator"/>s or Microsoft's quality evaluators.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, IEvaluator> Evaluators { get; } = new Dictionary<string, IEvaluator>(StringComparer.Ordinal);

    /// <summary>Gets or sets a callback for each finished run (progress). It is called one run at a time, in completion order; keep it fast. An exception from it is ignored.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Action<EvalProgress>? OnRunCompleted { get; set; }

    /// <summary>Gets or sets an earlier evaluation to re-score instead of running: each case's recorded run is read from the runner's store and checked against the cases' expectations as they are now, without calling a model. Judge calls whose request is unchanged are answered from their recorded journals.</summary>
    /// <value>The default is <see langword="null"/>: cases run.</value>
    public RecordedEval? Replay { get; set; }

    /// <summary>Gets facts about the evaluation shown in reports (spec, data set, model, store).</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, string> Metadata { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the clock for the evaluation's timestamps and judge latencies (runs use the runner's clock).</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        var errors = new List<string>();
        if (Concurrency is < 1 or > MaxConcurrency)
        {
            errors.Add($"Concurrency is {Concurrency}; it must be between 1 and {MaxConcurrency}.");
        }

        if (Repeat is < 1 or > MaxRepeat)
        {
            errors.Add($"Repeat is {Repeat}; it must be between 1 and {MaxRepeat}.");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name is empty; give the evaluation a name.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
