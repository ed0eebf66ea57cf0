using System.Text.Json;
using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Resilience;
using Baton.Testing;
using Baton.Tests.Fakes;
using Baton.Validation;
using Microsoft.Extensions.AI;
using Baton.Tests.Orchestration.Supervisor;
using static Baton.Tests.Orchestration.Supervisor.SupportDesk;

namespace Baton.Tests.Orchestration;

/// <summary>One agent turn: output-token limits, structured output, cut replies and unusable replies.</summary>
public class AgentTurnPipelineTests
{
    private const string Valid = """{"facts":[{"text":"wheat yields fall","source":"FAO 2023"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunTurn_AgentWithoutLimit_SendsTheAgentDefaultOutputTokenLimit()
    {
        var client = new ScriptedChatClient("a", "b");
        var pipeline = Pipeline.Sequential("p", new Agent("a", client), new Agent("b", client) { MaxOutputTokens = 300 });

        var result = await new HandoffRunner().RunAsync(pipeline, "task", Ct);

        Assert.Equal([BatonDefaults.AgentMaxOutputTokens, 300], client.Requests.Select(r => r.Options?.MaxOutputTokens));
        Assert.Equal([BatonDefaults.AgentMaxOutputTokens, 300], result.Journal.OfType<AgentCalled>().Select(c => c.MaxOutputTokens));
    }

    [Fact]
    public async Task RunTurn_ChatOptionsSetALimit_KeepsIt()
    {
        var client = new ScriptedChatClient("a");
        var agent = new Agent("a", client) { ChatOptions = new ChatOptions { MaxOutputTokens = 64, Temperature = 0.5f } };

        await new HandoffRunner().RunAsync(Pipeline.Sequential("p", agent), "task", Ct);

        Assert.Equal(64, client.Requests[0].Options?.MaxOutputTokens);
        Assert.Equal(0.5f, client.Requests[0].Options?.Temperature);
        Assert.Null(agent.ChatOptions.ResponseFormat);
    }

    [Fact]
    public async Task Supervisor_Decision_RequestsSchemaWithAllowedNamesAndDoneAndSupervisorLimit()
    {
        var client = Scripted(("dispatcher", [Route("billing"), Route("DONE")]), ("billing", ["refund issued"]));

        var result = await new HandoffRunner().RunAsync(Create(client), SupportDesk.Task, Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var decision = client.Requests[0];
        Assert.Equal(BatonDefaults.SupervisorMaxOutputTokens, decision.Options?.MaxOutputTokens);
        var format = Assert.IsType<ChatResponseFormatJson>(decision.Options?.ResponseFormat);
        var names = format.Schema!.Value.GetProperty("properties").GetProperty("next_agent").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["billing", "tech", "escalation", "DONE"], names);
        Assert.Equal(BatonDefaults.AgentMaxOutputTokens, client.Requests[1].Options?.MaxOutputTokens);
        Assert.Null(client.Requests[1].Options?.ResponseFormat);
    }

    [Fact]
    public async Task Supervisor_ProviderEnforcesSchemas_JournalRecordsTheMechanism()
    {
        var scripted = Scripted(("dispatcher", [Route("billing"), Route("DONE")]), ("billing", ["refund issued"]));
        var client = new CapableChatClient(scripted, new ModelCapabilities { StructuredOutput = StructuredOutputMechanism.JsonSchema });

        var result = await new HandoffRunner().RunAsync(Create(client), SupportDesk.Task, Ct);

        Assert.Equal(
            [("dispatcher", "json_schema"), ("billing", "none"), ("dispatcher", "json_schema")],
            result.Journal.OfType<AgentCalled>().Select(c => (c.Agent!, c.StructuredOutput!.Value.Value)));
    }

    [Fact]
    public async Task ReviewLoop_JsonVerdicts_RequestVerdictSchemaWithReviewerLimit()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["writer"] = ["a draft"],
            ["reviewer"] = ["""{"verdict": "approved", "feedback": "fine"}"""],
        });
        var loop = Pipeline.ReviewLoop("loop", new Agent("writer", client), new Agent("reviewer", client), new ReviewLoopOptions { VerdictFormat = ReviewVerdictFormat.Json });

        var result = await new HandoffRunner().RunAsync(loop, "task", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var review = client.Requests[1];
        Assert.Equal(BatonDefaults.ReviewerMaxOutputTokens, review.Options?.MaxOutputTokens);
        var format = Assert.IsType<ChatResponseFormatJson>(review.Options?.ResponseFormat);
        Assert.Equal("review_verdict", format.SchemaName);
    }

    [Fact]
    public async Task RunTurn_JsonReplyCutAtTheLimit_IsJournaledTruncatedAndReaskedWithANote()
    {
        var client = new ScriptedChatClient()
            .Then((r, _) => System.Threading.Tasks.Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"facts":[{"text":"wheat""")) { FinishReason = ChatFinishReason.Length }))
            .Then(Valid);
        var agent = new Agent("researcher", client) { Contract = Contract(), Writes = "research" };

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", agent), "task", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal([true, false], result.Journal.OfType<AgentAnswered>().Select(a => a.Truncated));
        var failed = Assert.Single(result.Journal.OfType<ValidationFailed>());
        Assert.Contains("cut off at the output-token limit (2048 tokens)", failed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("cut off at the output-token limit", client.Requests[1].LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTurn_TextReplyCutAtTheLimit_IsKeptButJournaledTruncated()
    {
        var client = new ScriptedChatClient((r, _) => System.Threading.Tasks.Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "a long answ")) { FinishReason = ChatFinishReason.Length }));

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", new Agent("a", client)), "task", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(Assert.Single(result.Journal.OfType<AgentAnswered>()).Truncated);
        Assert.Equal("a long answ", result.FinalText);
    }

    [Fact]
    public async Task RunTurn_ProviderRefusesTheModelOutput_IsReaskedThenFallsBack()
    {
        var client = new ScriptedChatClient()
            .ThenThrow(new ModelOutputException("The model produced output that does not match the expected format."))
            .ThenThrow(new ModelOutputException("again"))
            .ThenThrow(new ModelOutputException("and again"));
        var agent = new Agent("a", client) { Fallback = Fallback.FixedAnswer("a fixed answer") };

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", agent), "task", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("a fixed answer", result.FinalText);
        Assert.Equal(3, result.Journal.OfType<AgentFailed>().Count(f => f.ErrorType == nameof(ModelOutputException)));
        Assert.Equal(["reask", "reask", "fallback"], result.Journal.OfType<ValidationFailed>().Select(v => v.Next));
        Assert.Contains("does not match the expected format", client.Requests[1].LastUserText, StringComparison.Ordinal);
        Assert.Single(result.Journal.OfType<FallbackUsed>());
    }

    [Fact]
    public async Task RunTurn_ValidatorThrowsOnTheReply_ReplyIsUnusableNotTheRunsEnd()
    {
        var client = new ScriptedChatClient("""{"n": 1}""", """{"n": 2}""");
        var contract = OutputContract.FromSchema(JsonDocument.Parse("""{"type": "object"}""").RootElement, "numbers")
            .WithValidator(OutputValidator.Create(v => v.GetProperty("n").GetInt32() == 1 ? throw new InvalidOperationException("validator bug") : []));
        var agent = new Agent("a", client) { Contract = contract };

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", agent), "task", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var failed = Assert.Single(result.Journal.OfType<ValidationFailed>());
        Assert.Contains("could not be read (InvalidOperationException: validator bug)", failed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Context.Outputs["a"].Value.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Supervisor_DecisionCutAtTheLimit_IsReaskedAndRecordedAsUnusable()
    {
        var client = Scripted(("billing", ["refund issued"]));
        var cut = new ScriptedChatClient()
            .Then((r, _) => System.Threading.Tasks.Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"next_agent": "bil""")) { FinishReason = ChatFinishReason.Length }))
            .Then(Route("billing")).Then(Route("DONE"));
        var dispatcher = new Agent("dispatcher", cut);
        var desk = Pipeline.Supervisor("desk", dispatcher, new Agent("billing", client));

        var result = await new HandoffRunner().RunAsync(desk, SupportDesk.Task, Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var first = result.Journal.OfType<RoutingDecided>().First();
        Assert.Null(first.NextAgent);
        Assert.Contains("output-token limit", first.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTurn_AttemptsAfterTheFirst_ReaskEndsWithTheAgentsRoleLine()
    {
        var client = new ScriptedChatClient(string.Empty, "fine");

        await new HandoffRunner().RunAsync(Pipeline.Sequential("p", new Agent("writer", client)), "task", Ct);

        Assert.Equal("writer", client.Requests[1].Role);
        Assert.StartsWith("Your previous reply could not be used (attempt 1 of 3):", client.Requests[1].LastUserText, StringComparison.Ordinal);
    }

    private static OutputContract Contract() => OutputContract.FromSchema(
        JsonDocument.Parse("""
            {"type": "object", "required": ["facts"], "properties": {"facts": {"type": "array", "minItems": 1,
             "items": {"type": "object", "required": ["text", "source"], "properties": {"text": {"type": "string"}, "source": {"type": "string"}}}}}}
            """).RootElement,
        "research");
}
