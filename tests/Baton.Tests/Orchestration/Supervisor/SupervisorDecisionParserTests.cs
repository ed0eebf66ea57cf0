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
    [InlineData("{\"a\": 1} and {\"b\": 2}", "Ambiguous")]
    [InlineData("{\"next_agent\": \"\\ud83d\", \"context_for_agent\": \"x\", \"reasoning\": \"y\"}", "InvalidText")]
    [InlineData("{\"next_agent\": \"billing\", \"context_for_agent\": \"\\udc00\", \"reasoning\": \"y\"}", "InvalidText")]
    [InlineData("{\"\\ud83d\": 1, \"next_agent\": \"billing\", \"context_for_agent\": \"x\", \"reasoning\": \"y\"}", "InvalidText")]
    [InlineData("{\"next_agent\": \"billing\", \"context_for_agent\": \"a{HI}\", \"reasoning\": \"y\"}", "InvalidText")]
    [InlineData("{LO}", "InvalidText")]
    [InlineData("{\"next_agent\": \"b\u0131lling\", \"context_for_agent\": \"\", \"reasoning\": \"\"}", "UnknownAgent")]
    public void TryParse_UnusableReply_ReturnsTypedError(string reply, string kind)
    {
        var ok = SupervisorDecisionParser.TryParse(Baton.Tests.Json.Lone.Surrogates(reply), s_allowed, out var decision, out var error);

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
    public void TryParse_FencedExampleQuotedBeforeTheRealDecision_IsAmbiguous()
    {
        // Issue 11: the first fence used to win, so a quoted earlier decision routed instead of the real one.
        const string Reply = "Last time I answered:\n```json\n{\"next_agent\": \"billing\", \"context_for_agent\": \"old\", \"reasoning\": \"old\"}\n```\n"
            + "Now the customer asks about login, so:\n```json\n{\"next_agent\": \"tech\", \"context_for_agent\": \"login\", \"reasoning\": \"auth\"}\n```";

        Assert.False(SupervisorDecisionParser.TryParse(Reply, s_allowed, out _, out var error));
        Assert.Equal(SupervisorDecisionErrorKind.Ambiguous, error.Kind);
        Assert.Contains("exactly one JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ObjectInProseThenADifferentFencedObject_IsAmbiguous()
    {
        const string Reply = "I considered {\"next_agent\": \"billing\", \"context_for_agent\": \"\", \"reasoning\": \"\"} but\n```json\n{\"next_agent\": \"tech\", \"context_for_agent\": \"\", \"reasoning\": \"\"}\n```";

        Assert.False(SupervisorDecisionParser.TryParse(Reply, s_allowed, out _, out var error));
        Assert.Equal(SupervisorDecisionErrorKind.Ambiguous, error.Kind);
    }

    [Fact]
    public void TryParse_SameObjectInProseAndFence_IsNotAmbiguous()
    {
        const string Decision = "{\"next_agent\": \"tech\", \"context_for_agent\": \"login\", \"reasoning\": \"auth\"}";

        Assert.True(SupervisorDecisionParser.TryParse($"I will answer {Decision}:\n```json\n{Decision}\n```", s_allowed, out var decision, out _));
        Assert.Equal("tech", decision.NextAgent);
    }

    [Fact]
    public void TryParse_BracesInProseThatAreNotJson_AreIgnored()
    {
        const string Reply = "Using {placeholders} and a set {a, b}: {\"next_agent\": \"tech\", \"context_for_agent\": \"x\", \"reasoning\": \"y\"}";

        Assert.True(SupervisorDecisionParser.TryParse(Reply, s_allowed, out var decision, out _));
        Assert.Equal("tech", decision.NextAgent);
    }

    [Fact]
    public void TryParse_DecisionWithAnEmptyExampleObject_UsesTheDecision()
    {
        Assert.True(SupervisorDecisionParser.TryParse("Not {} but {\"next_agent\": \"DONE\", \"context_for_agent\": \"\", \"reasoning\": \"\"}", s_allowed, out var decision, out _));
        Assert.True(decision.IsDone);
    }

    [Fact]
    public void TryParse_UnknownNameWithSurrogatePair_ClipsWithoutSplittingIt()
    {
        var name = new string('x', 56) + "\ud83d\ude00" + "tail";
        var reply = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["next_agent"] = name, ["context_for_agent"] = "", ["reasoning"] = "" });

        Assert.False(SupervisorDecisionParser.TryParse(reply, s_allowed, out _, out var error));
        Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(error.Message));
    }

    [Fact]
    public void TryParse_PathologicalBraces_AnswerInLinearTime()
    {
        // Many openings that never close, each followed by a long string: the search is bounded by the reply's length.
        var reply = string.Concat(Enumerable.Repeat("{\"" + new string('a', 50), 20_000));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(SupervisorDecisionParser.TryParse(reply, s_allowed, out _, out var error));
        Assert.Equal(SupervisorDecisionErrorKind.NotJson, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void TryParse_ReplyLongerThanTheLimit_IsATypedError()
    {
        var reply = "{\"next_agent\": \"tech\", \"context_for_agent\": \"" + new string('x', JsonObjectExtractor.MaxReplyChars) + "\", \"reasoning\": \"\"}";

        Assert.False(SupervisorDecisionParser.TryParse(reply, s_allowed, out _, out var error));
        Assert.Equal(SupervisorDecisionErrorKind.NotJson, error.Kind);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
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
