using System.Text.Json;

namespace Baton.Validation;

/// <summary>Creates <see cref="IOutputValidator"/> instances from delegates.</summary>
public static class OutputValidator
{
    /// <summary>Creates a validator from a function that returns the errors of an output.</summary>
    /// <param name="validate">Returns the errors (empty when the output passes). Must be deterministic.</param>
    /// <returns>The validator.</returns>
    public static IOutputValidator Create(Func<JsonElement, IEnumerable<OutputValidationError>> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        return new DelegateValidator(validate);
    }

    private sealed class DelegateValidator(Func<JsonElement, IEnumerable<OutputValidationError>> validate) : IOutputValidator
    {
        public IEnumerable<OutputValidationError> Validate(JsonElement output) => validate(output);
    }
}
