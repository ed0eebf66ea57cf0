using Baton.Validation;

namespace Baton.Orleans.Serialization;

/// <summary>The wire form of <see cref="OutputValidationError"/> (a core type Orleans does not know).</summary>
[GenerateSerializer]
[Alias("baton.OutputValidationError")]
internal struct OutputValidationErrorSurrogate
{
    [Id(0)]
    public string Path;

    [Id(1)]
    public string Message;
}
