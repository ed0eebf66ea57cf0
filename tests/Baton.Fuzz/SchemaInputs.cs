using CsCheck;

namespace Baton.Fuzz;

/// <summary>Generators of JSON Schemas (valid, odd and broken) for contract validation.</summary>
internal static class SchemaInputs
{
    private static readonly Gen<string> s_type = Gen.OneOf<string>("\"string\"", "\"number\"", "\"integer\"", "\"object\"", "\"array\"", "\"boolean\"", "\"null\"", "[\"string\", \"null\"]", "\"banana\"", "3");

    // Mostly cheap patterns; a few that backtrack badly, and a few invalid ones.
    private static readonly Gen<string> s_pattern = Gen.Frequency(
        (8, Gen.OneOf<string>("^[a-z]+$", "\\\\d{2,4}", "^.*$", "a|b", "^\\\\w+@\\\\w+$", "[\\u00e9]", "^$")),
        (1, Gen.OneOf<string>("^(a+)+$", "^(a|aa)+$", "(x+x+)+y")),
        (1, Gen.OneOf<string>("(", "[z-a]", "\\\\", "(?<n>a)\\\\k<m>")));

    private static readonly Gen<string> s_ref = Gen.OneOf<string>("#/$defs/n", "#/$defs/missing", "#", "#/properties/a", "http://127.0.0.1:9/s.json", "other.json#/x", "#anchor", "#/$defs/n/properties", "::", "#/%25");

    /// <summary>A schema up to three levels deep.</summary>
    public static readonly Gen<string> Schema = OfDepth(3).Select(Wrap);

    private static Gen<string> OfDepth(int depth)
    {
        var enumValues = JsonInputs.Value.Array[1, 4].Select(v => "[" + string.Join(", ", v) + "]");
        var leaf = Gen.Frequency(
            (4, s_type.Select(t => $"\"type\": {t}")),
            (2, s_pattern.Select(p => $"\"pattern\": \"{p}\"")),
            (2, enumValues.Select(e => $"\"enum\": {e}")),
            (1, JsonInputs.Value.Select(v => $"\"const\": {v}")),
            (2, Gen.Select(Gen.OneOf<string>("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "multipleOf", "exclusiveMinimum"), JsonInputs.Number, (k, n) => $"\"{k}\": {n}")),
            (1, Gen.OneOf<string>("\"uniqueItems\": true", "\"required\": [\"a\", \"b\"]", "\"additionalProperties\": false", "\"format\": \"regex\"", "\"format\": \"email\"")),
            (2, s_ref.Select(r => $"\"$ref\": \"{r}\"")),
            (1, Gen.OneOf<string>("\"$dynamicRef\": \"#anchor\"", "\"$dynamicAnchor\": \"anchor\"", "\"$recursiveRef\": \"#\"", "\"$recursiveAnchor\": true")),
            (2, Gen.OneOf<string>("\"x-ui\": {\"order\": 1}", "\"x-unit\": \"s\"", "\"requried\": [\"a\"]", "\"minLenght\": 1", "\"$comment\": \"c\"", "\"title\": \"t\"")),
            (1, Gen.OneOf<string>("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"", "\"$schema\": \"http://json-schema.org/draft-07/schema#\"", "\"$schema\": \"http://example.com/x\"", "\"$id\": \"urn:x\"", "\"$anchor\": \"anchor\"")));
        if (depth == 0)
        {
            return leaf.Array[0, 4].Select(k => "{" + string.Join(", ", k) + "}");
        }

        var child = OfDepth(depth - 1);
        var nested = Gen.Frequency(
            (6, leaf),
            (2, Gen.Select(Gen.OneOf<string>("a", "b", "n", "\\ud83d"), child).Array[1, 3].Select(ps => "\"properties\": {" + string.Join(", ", ps.Select(p => $"\"{p.Item1}\": {p.Item2}")) + "}")),
            (1, child.Select(c => $"\"items\": {c}")),
            (1, Gen.Select(s_pattern, child).Select(p => $"\"patternProperties\": {{\"{p.Item1}\": {p.Item2}}}")),
            (1, child.Array[1, 3].Select(cs => $"\"{(cs.Length % 3 == 0 ? "anyOf" : cs.Length % 3 == 1 ? "oneOf" : "allOf")}\": [" + string.Join(", ", cs) + "]")),
            (1, child.Select(c => $"\"not\": {c}")));
        return Gen.Frequency((8, nested.Array[0, 5].Select(k => "{" + string.Join(", ", k) + "}")), (1, Gen.OneOf<string>("true", "false", "[]", "\"s\"")));
    }

    // Most schemas carry $defs, so refs into them can resolve (the choice depends on the text only: runs are reproducible).
    private static string Wrap(string schema) =>
        schema.StartsWith('{') && schema.Length > 2 && schema.Length % 3 != 0
            ? "{\"$defs\": {\"n\": {\"type\": \"integer\", \"properties\": {}}}, " + schema[1..]
            : schema;
}
