using System.Collections.Immutable;
using Baton.Humans;
using Baton.Validation;

namespace Baton.Orleans;

/// <summary>
/// What the cluster did with a person's answer (<see cref="BatonClusterClient.ProvideInputAsync"/>): taken (the run
/// continues on the silo that took it), refused with the step's contract errors (the run still waits), refused because
/// the run does not wait for it, lost to another answer, or too late (the wait's timeout applied instead).
/// </summary>
/// <remarks>Outcomes are values, as for <see cref="InputResult"/>: a refused answer is not an exception. Immutable.</remarks>
[GenerateSerializer]
[Alias("baton.ClusterInputResult")]
public sealed record ClusterInputResult
{
    /// <summary>Gets the run id.</summary>
    [Id(0)]
    public required string RunId { get; init; }

    /// <summary>Gets what became of the answer.</summary>
    [Id(1)]
    public required InputOutcome Outcome { get; init; }

    /// <summary>Gets what happened, in one or more sentences a person can act on.</summary>
    [Id(2)]
    public required string Message { get; init; }

    /// <summary>Gets why an <see cref="InputOutcome.Invalid"/> answer was refused, with paths into the answer where they apply.</summary>
    /// <value>The default is empty.</value>
    [Id(3)]
    public ImmutableArray<OutputValidationError> Errors { get; init; } = [];

    /// <summary>Gets the step whose question the answer was for, when the run waited on one.</summary>
    [Id(4)]
    public int? Step { get; init; }

    /// <summary>Gets the name of the agent (the person) the question was asked as, when the run waited on one.</summary>
    [Id(5)]
    public string? Agent { get; init; }

    /// <summary>Gets the run's status when the call returned: <see cref="RunStatus.Running"/> once an answer (or the timeout) was taken and the run continues, unchanged otherwise.</summary>
    [Id(6)]
    public RunStatus RunStatus { get; init; }

    /// <summary>
    /// Gets the sequence number from which to follow the run (<see cref="BatonClusterClient.WaitAsync(string, long, Journal.IRunObserver?, CancellationToken)"/>):
    /// the <c>input_provided</c> (or <c>input_timed_out</c>) event when the run continued, else the journal's length.
    /// </summary>
    [Id(7)]
    public long NextSequence { get; init; }

    /// <summary>Gets the silo that handled the answer.</summary>
    [Id(8)]
    public string? Silo { get; init; }

    /// <summary>Gets whether the answer was journaled and the run continued.</summary>
    public bool IsAccepted => Outcome == InputOutcome.Accepted;

    /// <inheritdoc />
    public override string ToString() => $"{Outcome}: {Message}";

    internal static void ThrowIfInvalidRespondent(string respondent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(respondent);
        if (respondent.Length > BatonDefaults.RespondentMaxChars || respondent.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The respondent must be a name or id of at most {BatonDefaults.RespondentMaxChars} characters without control characters.", nameof(respondent));
        }
    }
}
