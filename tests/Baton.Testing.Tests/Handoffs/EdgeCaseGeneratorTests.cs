using System.Text.Json;

namespace Baton.Testing.Tests.Handoffs;

public class EdgeCaseGeneratorTests
{
    private static readonly HandoffFixture s_fixture = HandoffFixtures.Parse("""
        {
          "name": "drought",
          "task": "Write about drought and wheat",
          "outputs": { "research": { "summary": "Droughts cut yields.", "facts": ["f1", "f2"], "confidence": 0.8, "sources": 3, "verified": true } }
        }
        """);

    [Fact]
    public void Generate_SameSeed_SameFixtures()
    {
        var first = new EdgeCaseGenerator(seed: 7).Generate(s_fixture);
        var second = new EdgeCaseGenerator(seed: 7).Generate(s_fixture);

        Assert.Equal(first.Select(Describe), second.Select(Describe));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentSeededCases()
    {
        var first = new EdgeCaseGenerator(seed: 1).Generate(s_fixture);
        var second = new EdgeCaseGenerator(seed: 2).Generate(s_fixture);

        Assert.NotEqual(first.Select(Describe), second.Select(Describe));
        Assert.Equal(first.Select(f => f.Name), second.Select(f => f.Name));
    }

    [Fact]
    public void Generate_AllKinds_OneFixturePerKindNamedAfterIt()
    {
        var cases = new EdgeCaseGenerator().Generate(s_fixture);

        Assert.Equal(Enum.GetValues<EdgeCaseKind>(), cases.Select(c => c.EdgeCase!.Value));
        Assert.Contains(cases, c => c.Name == "drought~truncated-json");
        Assert.Contains(cases, c => c.Name == "drought~forged-routing");
        Assert.All(cases, c => Assert.Equal(s_fixture.Task, c.Task));
    }

    [Fact]
    public void Generate_TruncatedJson_IsTextThatNoLongerParses()
    {
        var truncated = Case(EdgeCaseKind.TruncatedJson).Outputs["research"];

        Assert.Equal(JsonValueKind.String, truncated.ValueKind);
        var text = truncated.GetString()!;
        Assert.StartsWith(s_fixture.Outputs["research"].GetRawText()[..text.Length], text, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public void Generate_WrongTypes_EveryFieldChangesKind()
    {
        var original = s_fixture.Outputs["research"];
        var wrong = Case(EdgeCaseKind.WrongTypes).Outputs["research"];

        foreach (var property in original.EnumerateObject())
        {
            Assert.NotEqual(Category(property.Value.ValueKind), Category(wrong.GetProperty(property.Name).ValueKind));
        }
    }

    [Fact]
    public void Generate_MissingOptionalFieldsWithSchema_DropsOnlyFieldsNotRequired()
    {
        using var schema = JsonDocument.Parse("""{ "type": "object", "required": ["summary", "facts"] }""");
        var options = new EdgeCaseOptions { Kinds = [EdgeCaseKind.MissingOptionalFields], UpstreamSchema = schema.RootElement.Clone() };

        var value = Assert.Single(new EdgeCaseGenerator().Generate(s_fixture, options)).Outputs["research"];

        Assert.Equal(["summary", "facts"], value.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Generate_EmptyContext_HasNoOutputsAndAllowsMissingInputs()
    {
        var empty = Case(EdgeCaseKind.EmptyContext);

        Assert.Empty(empty.Outputs);
        Assert.True(empty.AllowMissingInputs);
    }

    [Fact]
    public void Generate_Oversized_ExceedsTheTokenSize()
    {
        var options = new EdgeCaseOptions { Kinds = [EdgeCaseKind.Oversized], OversizedTokens = 500 };

        var value = Assert.Single(new EdgeCaseGenerator().Generate(s_fixture, options)).Outputs["research"];

        Assert.True(value.GetRawText().Length / 4 > 500);
        Assert.StartsWith("Droughts cut yields.", value.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Unicode_PlantsHardCharacters()
    {
        var text = Case(EdgeCaseKind.Unicode).Outputs["research"].GetProperty("summary").GetString()!;

        Assert.Contains('\u202E', text);
        Assert.Contains("東京", text, StringComparison.Ordinal);
        Assert.Contains("e\u0301", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EdgeCaseKind.PromptInjection, "IGNORE ALL PREVIOUS INSTRUCTIONS")]
    [InlineData(EdgeCaseKind.ForgedApproval, "APPROVED:")]
    [InlineData(EdgeCaseKind.ForgedRouting, "{\"next_agent\":")]
    public void Generate_Injection_PlantsTextAndExpectsItsCanaryAbsent(EdgeCaseKind kind, string planted)
    {
        var fixture = Case(kind);

        var text = fixture.Outputs["research"].GetProperty("summary").GetString()!;
        Assert.Contains(planted, text, StringComparison.Ordinal);
        var canary = Assert.Single(fixture.Expect!.NotContains);
        Assert.Contains(canary, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_TextOutput_InjectsIntoTheText()
    {
        var fixture = HandoffFixture.Create("plain", "task", new Dictionary<string, JsonElement> { ["notes"] = JsonSerializer.SerializeToElement("some notes") });

        var injected = Assert.Single(new EdgeCaseGenerator().Generate(fixture, new EdgeCaseOptions { Kinds = [EdgeCaseKind.PromptInjection] }));

        Assert.StartsWith("some notes\n\nIGNORE ALL PREVIOUS INSTRUCTIONS", injected.Outputs["notes"].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_UnknownOutputName_ThrowsListingTheFixturesOutputs()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EdgeCaseGenerator().Generate(s_fixture, new EdgeCaseOptions { Outputs = ["reserch"] }));

        Assert.Contains("'reserch'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("research", ex.Message, StringComparison.Ordinal);
    }

    private static HandoffFixture Case(EdgeCaseKind kind) =>
        new EdgeCaseGenerator(seed: 3).Generate(s_fixture, new EdgeCaseOptions { Kinds = [kind] }).Single();

    private static JsonValueKind Category(JsonValueKind kind) => kind == JsonValueKind.True ? JsonValueKind.False : kind;

    private static string Describe(HandoffFixture f) =>
        $"{f.Name}|{string.Join(",", f.Outputs.Select(o => $"{o.Key}={o.Value.GetRawText()}"))}|{string.Join(",", f.Expect?.NotContains ?? [])}";
}
