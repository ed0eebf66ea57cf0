using Baton.Orchestration.Supervisor;
using CsCheck;

namespace Baton.Tests.Orchestration.Supervisor;

public class SupervisorDecisionParserTests
{
    private static readonly string[] s_allowed = ["billing", "tech", "escalation"];

    [Fact]
    public void TryParse_PlainJson_ReturnsDecision()
    {
        var ok = SupervisorDecisionParser.TryParse(
            """{"next_agent": "billing", "context_for_agent": "Customer was charged twice in May.", "reasoning": "It is a billing issue."}""",
            s_allowed, out var decision, out var error);

        Assert.True(ok, error?.Message);
        Assert.Equal(new SupervisorDecision("billing", "Customer was charged twice in May.", "It is a billing issue."), decision);
    }

    [Fact]
    public void TryParse_JsonInFenceAfterProse_ExtractsFencedObject()
    {
        const string Reply = "Let me think. The customer cannot log in.\n```json\n{\"next_agent\": \"tech\", \"context_for_agent\": \"login fails\", \"reasoning\": \"auth\"}\n```\nThat is my answer.";

        Assert.True(SupervisorDecisionParser.TryParse(Reply, s_allowed, out var decision, out _));
        Assert.Equal("tech", decision.NextAgent);
    }

    [Fact]
    public void TryParse_OneObjectWrappedInProse_ExtractsIt()
    {
        const string Reply = "I will route: {\"next_agent\": \"escalation\", \"context_for_agent\": \"angry\", \"reasoning\": \"threatens to leave\"} thanks";

        Assert.True(SupervisorDecisionParser.TryParse(Reply, s_allowed, out var decision, out _));
        Assert.Equal("escalation", decision.NextAgent);
    }

    [Theory]
    [InlineData("DONE")]
    [InlineData("done")]
    [InlineData("  Done ")]
    public void TryParse_DoneInAnyCase_IsDone(string name)
    {
        var reply = $$"""{"next_agent": "{{name}}", "context_for_agent": "", "reasoning": "resolved"}""";

        Assert.True(SupervisorDecisionParser.TryParse(reply, s_allowed, out var decision, out _));
        Assert.True(decision.IsDone);
        Assert.Equal(SupervisorDecision.Done, decision.NextAgent);
    }

    [Fact]
    public void TryParse_NameInOtherCase_ReturnsDeclaredSpelling()
    {
        Assert.True(SupervisorDecisionParser.TryParse("""{"next_agent": "Billing", "context_for_agent": "", "reasoning": ""}""", s_allowed, out var decision, out _));
        Assert.Equal("billing", decision.NextAgent);
    }

    [Theory]
    [InlineData("", "Empty")]
    [InlineData("   \n", "Empty")]
    [InlineData("Route to billing please.", "NotJson")]
    [InlineData("{\"next_agent\": \"billing\",", "NotJson")]
    [InlineData("[\"billing\"]", "NotAnObject")]
    [InlineData("{\"context_for_agent\": \"x\", \"reasoning\": \"y\"}", "MissingField")]
    [InlineData("{\"next_agent\": \"billing\", \"reasoning\": \"y\"}", "MissingField")]
    [InlineData("{\"next_agent\": \"billing\", \"context_for_agent\": \"x\"}", "MissingField")]
    [InlineData("{\"next_agent\": 3, \"context_for_agent\": \"x\", \"reasoning\": \"y\"}", "WrongType")]
    [InlineData("{\"next_agent\": null, \"context_for_agent\": \"x\", \"reasoning\": \"y\"}", "WrongType")]
    [InlineData("{\"next_agent\": \"billing\", \"context_for_agent\": {\"a\": 1}, \"reasoning\": \"y\"}", "WrongType")]
    [InlineData("{\"next_agent\": \"sales\", \"context_for_agent\": \"x\", \"reasoning\": \"y\"}", "UnknownAgent")]
    [InlineData("{\"next_agent\": \"\", \"context_for_agent\": \"x\", \"reasoning\": \"y\"}", "UnknownAgent")]
    [InlineData("{\"a\": 1} and {\"b\": 2}", "NotJson")]
    public void TryParse_UnusableReply_ReturnsTypedError(string reply, string kind)
    {
        var ok = SupervisorDecisionParser.TryParse(reply, s_allowed, out var decision, out var error);

        Assert.False(ok);
        Assert.Null(decision);
        Assert.Equal(Enum.Parse<SupervisorDecisionErrorKind>(kind), error!.Kind);
    }

    [Fact]
    public void TryParse_UnknownAgent_ErrorListsAllowedNamesAndSuggestion()
    {
        SupervisorDecisionParser.TryParse("""{"next_agent": "biling", "context_for_agent": "", "reasoning": ""}""", s_allowed, out _, out var error);

        Assert.Contains("'biling'", error!.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'billing'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("billing, tech, escalation, DONE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_RandomStrings_NeverThrow()
    {
        var noisy = Gen.Char["{}[]\":,` \njsonext_agDONEbilrc\\0123"].Array[0, 120].Select(c => new string(c));
        Gen.OneOf(Gen.String, noisy).Sample(reply =>
        {
            var ok = SupervisorDecisionParser.TryParse(reply, s_allowed, out var decision, out var error);
            Assert.Equal(ok, decision is not null);
            Assert.Equal(ok, error is null);
        });
    }

    [Fact]
    public void TryParse_RandomNextAgent_OnlyAllowedNamesOrDoneRoute()
    {
        var names = Gen.OneOf(Gen.String, Gen.Int[0, 5].Select(i => new[] { "billing", "TECH", "Escalation", "done", "supervisor", "billing " }[i]));
        Gen.Select(names, Gen.String).Sample((name, context) =>
        {
            var reply = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["next_agent"] = name,
                ["context_for_agent"] = context,
                ["reasoning"] = "r",
            });

            if (SupervisorDecisionParser.TryParse(reply, s_allowed, out var decision, out _))
            {
                Assert.True(decision.IsDone || s_allowed.Contains(decision.NextAgent), $"'{decision.NextAgent}' routed");
                Assert.Equal(context, decision.ContextForAgent);
            }
        });
    }
}
