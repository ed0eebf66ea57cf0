using System.Diagnostics;
using System.Text.Json;
using Baton.Validation;

namespace Baton.Tests.Validation;

/// <summary>Contracts never throw on an output's content, bound pattern matching, and reject schemas that cannot work (issue 11).</summary>
public sealed class OutputContractBadInputTests
{
    [Theory]
    [InlineData("""{"enum": [1, 2]}""", "1e999")]
    [InlineData("""{"const": 1}""", "1e999")]
    [InlineData("""{"type": "array", "uniqueItems": true}""", "[1e999, 1]")]
    [InlineData("""{"properties": {"n": {"enum": [1]}}}""", """{"n": 1e400}""")]
    public void Validate_NumberOutsideTheComparableRange_IsAnErrorAtItsPath(string schema, string output)
    {
        var result = Bounded(Contract(schema), output);

        var error = Assert.Single(result.Errors);
        Assert.Contains("outside the range that can be compared", error.Message, StringComparison.Ordinal);
        Assert.Equal(output.StartsWith('{') ? "/n" : output.StartsWith('[') ? "/0" : string.Empty, error.Path);
    }

    [Theory]
    [InlineData("1e99999999")]
    [InlineData("-1e-2147483649")]
    [InlineData("1e99999999999999999999")]
    public void Validate_MultipleOfWithAHugeExponent_IsAnErrorNotAStackOverflow(string output)
    {
        // Found by the fuzzer (1,000,000-input run): the library's multipleOf sizes stack buffers by the exponent.
        var error = Assert.Single(Bounded(Contract("""{"multipleOf": 0.5}"""), output).Errors);

        Assert.Contains("too large to check against multipleOf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MultipleOfWithManyDigits_IsAnErrorNotAStackOverflow()
    {
        var error = Assert.Single(Bounded(Contract("""{"multipleOf": 3}"""), new string('9', 5000)).Errors);

        Assert.Contains("too large to check against multipleOf", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"multipleOf": 1e-99999999}""")]
    [InlineData("""{"multipleOf": 1e5000}""")]
    public void FromSchema_MultipleOfWithAHugeExponent_IsRejected(string schema)
    {
        Assert.Contains("'multipleOf'", Assert.Throws<ArgumentException>(() => Contract(schema)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OrdinaryMultipleOf_StillValidates()
    {
        var contract = Contract("""{"multipleOf": 0.01}""");

        Assert.True(contract.Validate(Parse("12.34")).IsValid);
        Assert.False(contract.Validate(Parse("12.345")).IsValid);
        Assert.True(contract.Validate(Parse("1e300")).IsValid);
    }

    [Theory]
    [InlineData("\"\\ud83d\"", "")]
    [InlineData("{\"a\": [\"\\udc00\"]}", "/a/0")]
    public void Validate_StringWithLoneSurrogateEscape_IsAnErrorAtItsPath(string output, string path)
    {
        var result = Bounded(Contract("""{"maxLength": 3, "items": {"pattern": "a"}}"""), output);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("lone UTF-16 surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": "string", "pattern": "^(a+)+$"}""", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"")]
    [InlineData("""{"patternProperties": {"^(a+)+$": {}}}""", "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\": 1}")]
    [InlineData("""{"patternProperties": {"^(a+)+$": {}}, "additionalProperties": false}""", "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\": 1}")]
    [InlineData("""{"type": "array", "items": {"pattern": "^(a|aa)+$"}}""", "[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"]")]
    public void Validate_CatastrophicPattern_StopsAtTheTimeoutWithAnError(string schema, string output)
    {
        var contract = Contract(schema);

        var clock = Stopwatch.StartNew();
        var result = contract.Validate(Parse(output));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Contains("took longer than 100 ms", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OrdinaryPattern_StillValidates()
    {
        var contract = Contract("""{"type": "string", "pattern": "^[a-z]+-\\d{2}$"}""");

        Assert.True(contract.Validate(Parse("\"abc-12\"")).IsValid);
        Assert.Contains("pattern", Assert.Single(contract.Validate(Parse("\"abc-1x\"")).Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"not": {"$ref": "#"}}""")]
    [InlineData("""{"$defs": {"a": {"$ref": "#/$defs/a"}}, "properties": {"p": {"$ref": "#/$defs/a"}}}""")]
    [InlineData("""{"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}""")]
    [InlineData("""{"properties": {"x": {"if": {"$ref": "#/properties/x"}}}}""")]
    public void FromSchema_ReferenceCycleOnTheSameValue_IsRejectedInsteadOfOverflowingTheStack(string schema)
    {
        // Found by the fuzzer: {"not": {"$ref": "#"}} overflowed the stack while validating, which ends the process.
        var ex = Assert.Throws<ArgumentException>(() => Contract(schema));

        Assert.Contains("would never finish", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSchema_RootThatIsOnlyAReferenceToItself_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Contract("""{"$ref": "#"}"""));
    }

    [Fact]
    public void FromSchema_DynamicRefCycleOnTheSameValue_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Contract("""{"$schema": "https://json-schema.org/draft/2020-12/schema", "$dynamicAnchor": "n", "not": {"$dynamicRef": "#n"}}"""));
    }

    [Fact]
    public void FromSchema_RecursionThroughProperties_IsAcceptedAndBoundedByTheValue()
    {
        var contract = Contract("""{"type": "object", "properties": {"child": {"$ref": "#"}, "items": {"type": "array", "items": {"$ref": "#"}}}}""");
        var deep = string.Concat(Enumerable.Repeat("{\"child\": ", 60)) + "{}" + new string('}', 60);

        Assert.True(Bounded(contract, deep).IsValid);
        Assert.False(Bounded(contract, """{"child": {"child": 3}}""").IsValid);
    }

    [Fact]
    public void FromSchema_ExponentialSharedDefinitions_AreRejected()
    {
        var defs = Enumerable.Range(1, 14).Select(i => $"\"a{i}\": {{\"allOf\": [{{\"$ref\": \"#/$defs/a{i - 1}\"}}, {{\"$ref\": \"#/$defs/a{i - 1}\"}}]}}");
        var schema = "{\"$defs\": {\"a0\": {\"type\": \"integer\"}, " + string.Join(", ", defs) + "}, \"$ref\": \"#/$defs/a14\"}";

        var ex = Assert.Throws<ArgumentException>(() => Contract(schema));

        Assert.Contains("more than 10,000 subschemas", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSchema_LongReferenceChain_IsRejected()
    {
        var defs = Enumerable.Range(1, 40).Select(i => $"\"a{i}\": {{\"$ref\": \"#/$defs/a{i - 1}\"}}");
        var schema = "{\"$defs\": {\"a0\": {\"type\": \"integer\"}, " + string.Join(", ", defs) + "}, \"$ref\": \"#/$defs/a40\"}";

        Assert.Contains("more than 32 deep", Assert.Throws<ArgumentException>(() => Contract(schema)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeepestAllowedChainOnTheDeepestValue_FitsASmallStack()
    {
        // 31 links of $ref on each of 63 levels of the value: about 2,000 nested evaluations, on a 512 KiB stack. The
        // guarded $ref stops before the stack runs out: a validation error instead of a crash of the process.
        var defs = Enumerable.Range(1, 30).Select(i => $"\"a{i}\": {{\"$ref\": \"#/$defs/a{i - 1}\"}}");
        var schema = "{\"$defs\": {\"a0\": {\"properties\": {\"x\": {\"$ref\": \"#/$defs/a30\"}}}, " + string.Join(", ", defs) + "}, \"$ref\": \"#/$defs/a30\"}";
        var contract = Contract(schema);
        var value = Parse(string.Concat(Enumerable.Repeat("{\"x\": ", 63)) + "1" + new string('}', 63));
        OutputValidationResult? result = null;

        var thread = new Thread(() => result = contract.Validate(value), maxStackSize: 512 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(result);
    }

    [Fact]
    public void FromSchema_DynamicRefWithinItsScope_IsAccepted()
    {
        var contract = Contract("""{"$schema": "https://json-schema.org/draft/2020-12/schema", "$dynamicAnchor": "node", "type": "object", "properties": {"next": {"$dynamicRef": "#node"}}}""");

        Assert.True(contract.Validate(Parse("""{"next": {"next": {}}}""")).IsValid);
    }

    [Theory]
    [InlineData("""{"$ref": "#/$defs/missing"}""")]
    [InlineData("""{"properties": {"a": {"$ref": "#/$defs/missing"}}}""")]
    [InlineData("""{"$ref": "http://127.0.0.1:9/schema.json"}""")]
    [InlineData("""{"$ref": "other.json#/x"}""")]
    [InlineData("""{"items": {"$ref": "#anchor-that-does-not-exist"}}""")]
    public void FromSchema_UnresolvableRef_IsRejectedWhenTheContractIsCreated(string schema)
    {
        var ex = Assert.Throws<ArgumentException>(() => Contract(schema));

        Assert.Contains("does not resolve to a schema inside it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSchema_ResolvableRefs_AreAccepted()
    {
        var contract = Contract("""{"$defs": {"n": {"type": "integer"}, "tree": {"type": "array", "items": {"$ref": "#/$defs/tree"}}}, "properties": {"a": {"$ref": "#/$defs/n"}, "t": {"$ref": "#/$defs/tree"}}}""");

        Assert.True(contract.Validate(Parse("""{"a": 1, "t": [[], [[]]]}""")).IsValid);
        Assert.False(contract.Validate(Parse("""{"a": "x"}""")).IsValid);
    }

    [Theory]
    [InlineData("""{"type": "object", "x-ui": {"order": 1}}""")]
    [InlineData("""{"properties": {"a": {"type": "string", "x-unit": "s"}}}""")]
    [InlineData("""{"$schema": "https://json-schema.org/draft/2020-12/schema", "x-a": 1, "foo": 2}""")]
    public void FromSchema_ExtensionKeywords_AreIgnored(string schema)
    {
        Assert.True(Contract(schema).Validate(Parse("{}")).IsValid);
    }

    [Fact]
    public void FromSchema_MisspeltKeyword_IsRejectedWithAHint()
    {
        var ex = Assert.Throws<ArgumentException>(() => Contract("""{"type": "object", "x-ok": 1, "requried": ["a"]}"""));

        Assert.Contains("requried", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'x-' prefix", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"pattern": "("}""")]
    [InlineData("""{"type": "banana"}""")]
    [InlineData("""{"$schema": "http://example.com/unknown"}""")]
    [InlineData("""{"minLength": -1}""")]
    [InlineData("""{"$id": "\ud83d"}""")]
    public void FromSchema_InvalidSchema_IsAnArgumentException(string schema)
    {
        Assert.Throws<ArgumentException>(() => Contract(schema));
    }

    [Fact]
    public void FromFile_Directory_SaysSo()
    {
        var folder = Directory.CreateTempSubdirectory("baton-schema-");
        try
        {
            var ex = Assert.Throws<ArgumentException>(() => OutputContract.FromFile(folder.FullName));
            Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete();
        }
    }

    [Fact]
    public void FromFile_DevZero_IsRefusedWithoutReading()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        var ex = Assert.Throws<ArgumentException>(() => OutputContract.FromFile("/dev/zero"));

        Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_LargerThanTheLimit_IsRefused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"description\": \"" + new string('x', OutputContract.MaxSchemaFileBytes) + "\"}");
            var ex = Assert.Throws<ArgumentException>(() => OutputContract.FromFile(path));
            Assert.Contains("larger than the 1,048,576-byte limit", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromFile_Missing_IsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => OutputContract.FromFile(Path.Combine(Path.GetTempPath(), "baton-missing-" + Guid.NewGuid() + ".json")));
    }

    private static OutputContract Contract(string schema) => OutputContract.FromSchema(Parse(schema), "c");

    private static OutputValidationResult Bounded(OutputContract contract, string output)
    {
        var clock = Stopwatch.StartNew();
        var result = contract.Validate(Parse(output));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        return result;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
