using System.Collections.Immutable;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Validation;

namespace Baton.Humans;

/// <summary>
/// What <c>HandoffRunner.ProvideInputAsync</c> did with a person's answer: taken (and the run continued), refused with
/// the contract's errors, refused because the run does not wait for it, lost to another answer, or too late.
/// </summary>
/// <remarks>Outcomes are values: a refused answer is not an exception. Immutable.</remarks>
public sealed class InputResult
{
    internal InputResult(InputOutcome outcome, string message, RunResult run, InputRequested? request, ImmutableArray<OutputValidationError> errors = default)
    {
        Outcome = outcome;
        Message = message;
        Run = run;
        Request = request;
        Errors = errors.IsDefault ? [] : errors;
    }

    /// <summary>Gets what became of the answer.</summary>
    public InputOutcome Outcome { get; }

    /// <summary>Gets whether the answer was journaled and the run continued.</summary>
    public bool IsAccepted => Outcome == InputOutcome.Accepted;

    /// <summary>Gets what happened, in one or more sentences a person can act on.</summary>
    public string Message { get; }

    /// <summary>Gets why an <see cref="InputOutcome.Invalid"/> answer was refused, with paths into the answer where they apply.</summary>
    public ImmutableArray<OutputValidationError> Errors { get; }

    /// <summary>Gets the question the answer was for (the one the run waited on), if it waited on one.</summary>
    public InputRequested? Request { get; }

    /// <summary>Gets the run as it is now: continued after an accepted or expired answer, unchanged otherwise.</summary>
    public RunResult Run { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Outcome}: {Message}";
}
