using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Validation;

namespace Baton.Tests.Validation;

public class OutputContractTests
{
    internal static readonly OutputContract FactsContract = OutputContract.FromSchema(
        JsonDocument.Parse("""
            {"type":"object","properties":{"facts":{"type":"array","minItems":1,"items":{"type":"object",
             "properties":{"text":{"type":"string"},"source":{"type":"string"}},"required":["text","source"]}}},
             "required":["facts"]}
            """).RootElement,
        "facts");

    [Fact]
    public void Validate_ValidOutput_IsValid()
    {
        var result = FactsContract.Validate(Parse("""{"facts":[{"text":"a","source":"s"}]}"""));

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Validate_MissingAndMistypedProperties_ReportsEachWithPath()
    {
        var result = FactsContract.Validate(Parse("""{"facts":[{"text":"a"},{"text":3,"source":"s"}]}"""));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "/facts/0" && e.Message.Contains("source", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "/facts/1/text" && e.Message.Contains("string", StringComparison.Ordinal));
    }

    [Fact]
    public void For_TypeInfo_ExportsSchemaThatUsesTheSerializerNaming()
    {
        var contract = OutputContract.For(ContractTestJsonContext.Default.KeyFact);

        Assert.Equal("KeyFact", contract.Name);
        Assert.True(contract.Validate(Parse("""{"fact_text":"x","source_url":"https://example.org"}""")).IsValid);
        var invalid = contract.Validate(Parse("""{"FactText":"x"}"""));
        Assert.False(invalid.IsValid);
        Assert.Contains(invalid.Errors, e => e.Message.Contains("fact_text", StringComparison.Ordinal));
    }

    [Fact]
    public void For_SerializerOptions_UsesTheSameOptionsToDescribeTheType()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = ContractTestJsonContext.Default, PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower };

        var contract = OutputContract.For<KeyFact>(options, "fact");

        Assert.Equal("fact", contract.Name);
        Assert.True(contract.Validate(Parse("""{"fact-text":"x","source-url":"u"}""")).IsValid);
        Assert.False(contract.Validate(Parse("""{"fact_text":"x","source_url":"u"}""")).IsValid);
    }

    [Fact]
    public void WithValidator_EveryKeyFactHasASource_ReportsFactsWithoutSource()
    {
        var contract = FactsContract.WithValidator(OutputValidator.Create(output =>
            output.GetProperty("facts").EnumerateArray()
                .Select((fact, i) => (fact, i))
                .Where(f => string.IsNullOrWhiteSpace(f.fact.GetProperty("source").GetString()))
                .Select(f => new OutputValidationError($"/facts/{f.i}/source", "Every key fact needs a source."))));

        var result = contract.Validate(Parse("""{"facts":[{"text":"a","source":"s"},{"text":"b","source":" "}]}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("/facts/1/source", error.Path);
        Assert.Equal("/facts/1/source: Every key fact needs a source.", error.ToString());
    }

    [Fact]
    public void FromFile_InvalidJson_ErrorNamesFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"baton-contract-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": { \"type\": \"string\" \n  }\n");
        try
        {
            var ex = Assert.Throws<ArgumentException>(() => OutputContract.FromFile(path));

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("line", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromFile_ValidSchema_NamesContractAfterFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"review-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"type":"object","required":["verdict"]}""");
        try
        {
            var contract = OutputContract.FromFile(path);

            Assert.Equal(path, contract.Source);
            Assert.False(contract.Validate(Parse("{}")).IsValid);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromFile_MissingFile_ThrowsNamingPath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => OutputContract.FromFile("/nowhere/schema.json"));

        Assert.Contains("/nowhere/schema.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSchema_NotASchema_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => OutputContract.FromSchema(Parse("[1,2]")));

        Assert.Contains("not a JSON Schema", ex.Message, StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}

internal sealed record KeyFact(string FactText, string SourceUrl);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(KeyFact))]
internal sealed partial class ContractTestJsonContext : JsonSerializerContext;
