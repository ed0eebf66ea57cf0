using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema.Keywords;

namespace Baton.Validation;

/// <summary>JSON Schema's <c>patternProperties</c> with a match timeout on each pattern (see <see cref="BoundedPatternKeyword"/>).</summary>
internal sealed class BoundedPatternPropertiesKeyword : PatternPropertiesKeyword
{
    public override object? ValidateKeywordValue(JsonElement value)
    {
        var regexes = (Dictionary<string, Regex>)base.ValidateKeywordValue(value)!;
        return regexes.ToDictionary(p => p.Key, p => SchemaDialects.Bounded(p.Value), StringComparer.Ordinal);
    }
}
