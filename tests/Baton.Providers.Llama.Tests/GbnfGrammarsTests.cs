namespace Baton.Providers.Llama.Tests;

public sealed class GbnfGrammarsTests
{
    [Fact]
    public void SupervisorDecision_ListsEachAgentAndDoneAsAlternatives()
    {
        var grammar = GbnfGrammars.SupervisorDecision(["billing", "tech"]);

        Assert.Contains("agent ::= \"\\\"billing\\\"\" | \"\\\"tech\\\"\" | \"\\\"DONE\\\"\"", grammar, StringComparison.Ordinal);
        Assert.StartsWith("root ::= ", grammar, StringComparison.Ordinal);
        Assert.Contains("next_agent", grammar, StringComparison.Ordinal);
        Assert.Contains("context_for_agent", grammar, StringComparison.Ordinal);
        Assert.Contains("reasoning", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void SupervisorDecision_NoAgents_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => GbnfGrammars.SupervisorDecision([]));

        Assert.Contains("at least one agent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SupervisorDecision_NameWithQuote_IsEscapedForJsonAndGbnf()
    {
        var grammar = GbnfGrammars.SupervisorDecision(["a\"b"]);

        Assert.Contains("\"\\\"a\\\\\\\"b\\\"\"", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonObject_DepthOne_ValuesAreScalarsOnly()
    {
        var grammar = GbnfGrammars.JsonObject(maxDepth: 1, maxMembers: 2, maxStringLength: 5);

        Assert.Contains("val1 ::= lit", grammar, StringComparison.Ordinal);
        Assert.DoesNotContain("obj1", grammar, StringComparison.Ordinal);
        Assert.Contains("{0,5}", grammar, StringComparison.Ordinal);
        Assert.Contains("{0,1}", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_StartsWithApprovedOrRevise()
    {
        Assert.StartsWith("root ::= (\"APPROVED:\" | \"REVISE:\") \" \" text", GbnfGrammars.Verdict(20), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJsonSchema_EnumAndRequired_BecomeLiteralsInDeclaredOrder()
    {
        var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"b":{"enum":["x","y"]},"a":{"type":"integer"},"c":{"type":"string"}},"required":["b","a"]}""").RootElement;

        var grammar = GbnfGrammars.FromJsonSchema(schema);

        Assert.Contains("(\"\\\"x\\\"\" | \"\\\"y\\\"\")", grammar, StringComparison.Ordinal);
        Assert.True(grammar.IndexOf("\\\"b\\\":", StringComparison.Ordinal) < grammar.IndexOf("\\\"a\\\":", StringComparison.Ordinal));
        Assert.DoesNotContain("\\\"c\\\":", grammar, StringComparison.Ordinal);
    }
}
