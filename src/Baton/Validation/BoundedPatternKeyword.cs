using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema.Keywords;

namespace Baton.Validation;

/// <summary>
/// JSON Schema's <c>pattern</c> with the library's regular expression semantics, interpreted rather than compiled
/// and with a match timeout (<see cref="SchemaDialects.PatternTimeout"/>), so a pattern that backtracks
/// catastrophically stops instead of holding the run.
/// </summary>
internal sealed class BoundedPatternKeyword : PatternKeyword
{
    public override object? ValidateKeywordValue(JsonElement value) =>
        SchemaDialects.Bounded((Regex)base.ValidateKeywordValue(value)!);
}
