using System.Collections.Immutable;

namespace Baton.Validation;

/// <summary>The result of checking an output against an <see cref="OutputContract"/>: valid, or the errors.</summary>
public sealed record OutputValidationResult
{
    /// <summary>Gets the result of an output that satisfies its contract.</summary>
    public static OutputValidationResult Valid { get; } = new();

    /// <summary>Gets the errors; empty when the output is valid.</summary>
    public ImmutableArray<OutputValidationError> Errors { get; init; } = [];

    /// <summary>Gets whether the output satisfies its contract.</summary>
    public bool IsValid => Errors.IsDefaultOrEmpty;

    /// <summary>Creates a result from errors (valid when there are none).</summary>
    /// <param name="errors">The errors.</param>
    /// <returns>The result.</returns>
    public static OutputValidationResult FromErrors(IEnumerable<OutputValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToImmutableArray();
        return list.IsEmpty ? Valid : new OutputValidationResult { Errors = list };
    }

    /// <summary>Returns the errors, one per line, as <c>- path: message</c>.</summary>
    /// <returns>The errors as text; empty when valid.</returns>
    public string Describe() => string.Join('\n', Errors.Select(e => $"- {e}"));
}
