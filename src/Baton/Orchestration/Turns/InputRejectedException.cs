using System.Collections.Immutable;
using Baton.Validation;

namespace Baton.Orchestration.Turns;

/// <summary>
/// A person's answer that the waiting turn cannot take (it breaks the contract, or it is the wrong kind of answer). Thrown
/// before anything is written, through the orchestration, to <c>HandoffRunner.ProvideInputAsync</c>, which turns it
/// into <see cref="Humans.InputOutcome.Invalid"/>: the run keeps waiting.
/// </summary>
internal sealed class InputRejectedException : Exception
{
    public InputRejectedException()
    {
    }

    public InputRejectedException(string message)
        : base(message)
    {
    }

    public InputRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InputRejectedException(string message, ImmutableArray<OutputValidationError> errors)
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found, with its path in the answer.</summary>
    public ImmutableArray<OutputValidationError> Errors { get; } = [];
}
