using System.Collections.Immutable;
using Baton.Validation;

namespace Baton.Journal;

/// <summary>An agent's reply was rejected: it could not be parsed, or it broke the agent's output contract. The output was not recorded.</summary>
public sealed record ValidationFailed : JournalEvent
{
    /// <summary>Gets the attempt within the step whose reply was rejected.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets the contract the reply was checked against (<see langword="null"/> when the reply could not be parsed at all and the agent has no contract).</summary>
    public string? Contract { get; init; }

    /// <summary>Gets every error found, with its path in the output.</summary>
    public ImmutableArray<OutputValidationError> Errors { get => field.IsDefault ? [] : field; init => field = value; } = [];

    /// <summary>Gets what happens next: <c>reask</c>, <c>fallback</c> or <c>fail</c>.</summary>
    public required string Next { get; init; }
}
