using System.Collections.Immutable;
using Baton.Evaluation.Expectations;

namespace Baton.Evaluation;

/// <summary>One case of an evaluation data set: the task a pipeline runs on, and what its run must show.</summary>
/// <remarks>Immutable. Read cases from JSONL or CSV with <see cref="Datasets.EvalDataset"/>, or build them in code.</remarks>
public sealed record EvalCase
{
    /// <summary>Gets the case's id, unique in its data set; baselines compare runs case by case by this id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the task exactly as the user would ask it. An empty task is a valid edge case: its run is rejected before it starts.</summary>
    public required string Task { get; init; }

    /// <summary>Gets the one-line intent, if the case gives one.</summary>
    /// <value>The default is <see langword="null"/>: the spec's intent, else the first line of the task.</value>
    public string? Intent { get; init; }

    /// <summary>Gets the constraints every agent must respect.</summary>
    /// <value>The default is empty: the spec's constraints.</value>
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets the case's tags (for example <c>edge</c>, <c>injection</c>), used to select and group cases.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>Gets a note on what the case is for, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Gets what the run must show. A case that states no status expectation expects <c>completed</c>.</summary>
    public ImmutableArray<Expectation> Expectations { get; init; } = [];

    /// <summary>Gets where the case was read from, as <c>file:line</c>, or <see langword="null"/> for a case built in code.</summary>
    public string? Source { get; init; }
}
