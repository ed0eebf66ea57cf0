using Baton.Validation;

namespace Baton.Orleans.Serialization;

/// <summary>Converts <see cref="OutputValidationError"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class OutputValidationErrorConverter : IConverter<OutputValidationError, OutputValidationErrorSurrogate>
{
    public OutputValidationError ConvertFromSurrogate(in OutputValidationErrorSurrogate surrogate) =>
        new(surrogate.Path ?? string.Empty, surrogate.Message ?? string.Empty);

    public OutputValidationErrorSurrogate ConvertToSurrogate(in OutputValidationError value) =>
        new() { Path = value.Path, Message = value.Message };
}
