using System.Text.Json;

namespace Baton.Validation;

/// <summary>
/// A check on an agent's output beyond what a JSON Schema can say (for example "every key fact has a source").
/// Added to an <see cref="OutputContract"/> with <see cref="OutputContract.WithValidator"/>.
/// </summary>
/// <remarks>Implementations must be deterministic and side-effect free: a resumed run validates again and must reach
/// the same verdict. They run only on outputs that already satisfy the schema.</remarks>
public interface IOutputValidator
{
    /// <summary>Checks an output.</summary>
    /// <param name="output">The output value (already valid against the contract's schema).</param>
    /// <returns>The errors; empty when the output passes.</returns>
    IEnumerable<OutputValidationError> Validate(JsonElement output);
}
