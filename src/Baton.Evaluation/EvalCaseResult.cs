using System.Collections.Immutable;
using Baton.Evaluation.Expectations;

namespace Baton.Evaluation;

/// <summary>One run of one case: how it ended, what it cost, and each expectation's result. Everything here is read from the run's journal.</summary>
public sealed record EvalCaseResult
{
    /// <summary>Gets the case.</summary>
    public required EvalCase Case { get; init; }

    /// <summary>Gets which repetition this is (1-based).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Gets the run's id in the store (open it with <c>baton show</c>), or <see langword="null"/> when the run never started.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the run's status name (see <see cref="CaseStatus"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Gets why the run ended, or why it never started.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets how the run fared against the case's expectations.</summary>
    public required CaseOutcome Outcome { get; init; }

    /// <summary>Gets each expectation's result, in the case's order (an implied <c>status: completed</c> first when the case states no status).</summary>
    public ImmutableArray<ExpectationResult> Expectations { get; init; } = [];

    /// <summary>Gets the run's agent steps, folded from its journal.</summary>
    public ImmutableArray<EvalStep> Steps { get; init; } = [];

    /// <summary>Gets the input tokens the run reported.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens the run reported.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Gets the number of agent steps.</summary>
    public int StepCount { get; init; }

    /// <summary>Gets the number of model calls answered.</summary>
    public int ModelCalls { get; init; }

    /// <summary>Gets the run's duration by its own clock, in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>Gets the name of the run's final output, if any.</summary>
    public string? FinalOutputName { get; init; }

    /// <summary>Gets the start of the final output's text (at most <see cref="PreviewChars"/> characters), if any.</summary>
    public string? FinalPreview { get; init; }

    /// <summary>The most characters of the final output kept in <see cref="FinalPreview"/>.</summary>
    public const int PreviewChars = 4000;

    /// <summary>Gets the first expectation that failed (or errored), for one-line summaries.</summary>
    public ExpectationResult? FirstProblem =>
        Expectations.FirstOrDefault(e => e.Outcome == ExpectationOutcome.Failed) ?? Expectations.FirstOrDefault(e => e.Outcome == ExpectationOutcome.Error);

    /// <summary>Gets the case id with the repetition when there are several (<c>drought#2</c>).</summary>
    /// <param name="repeats">How many times each case ran.</param>
    /// <returns>The label.</returns>
    public string Label(int repeats) => repeats > 1 ? $"{Case.Id}#{Repeat}" : Case.Id;
}
