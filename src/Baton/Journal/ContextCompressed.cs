using System.Collections.Immutable;

namespace Baton.Journal;

/// <summary>An agent's view exceeded its context budget and was compressed before the call. Task, intent and constraints are never compressed.</summary>
public sealed record ContextCompressed : JournalEvent
{
    /// <summary>Gets the agent's context budget, in tokens.</summary>
    public int Budget { get; init; }

    /// <summary>Gets the size of the view before compression, in tokens.</summary>
    public int TokensBefore { get; init; }

    /// <summary>Gets the size of the view after compression, in tokens.</summary>
    public int TokensAfter { get; init; }

    /// <summary>Gets the strategies that changed the view, in the order they ran (for example <c>truncate</c>, <c>drop-least-relevant</c>).</summary>
    public ImmutableArray<string> Strategies { get => field.IsDefault ? [] : field; init => field = value; } = [];

    /// <summary>Gets the outputs left out of the view entirely.</summary>
    public ImmutableArray<string> DroppedOutputs { get => field.IsDefault ? [] : field; init => field = value; } = [];

    /// <summary>Gets whether the compressed view fits the budget (it may not when task, intent and constraints alone exceed it).</summary>
    public bool FitsBudget { get; init; }
}
