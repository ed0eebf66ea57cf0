using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Validation;

public class ValidatedHandoffTests
{
    private const string Valid = """{"facts":[{"text":"wheat yields fall","source":"FAO 2023"}]}""";
    private const string MissingSource = """{"facts":[{"text":"wheat yields fall"}]}""";

    [Fact]
    public async Task InvokeAgent_ValidJsonViolatingSchema_ReasksWithExactErrorsThenRecordsValidOutput()
    {
        var client = new ScriptedChatClient(MissingSource, Valid, "article");
        var pipeline = Pipeline.Sequential("p", Researcher(client), new Agent("writer", client));

        var result = await Run(pipeline);

        Assert.Equal(RunStatus.Completed, result.Status);
        var reask = client.Requests[1];
        Assert.Equal(ChatRole.Assistant, reask.Messages[^2].Role);
        Assert.Equal(MissingSource, reask.Messages[^2].Text);
        Assert.Contains("/facts/0: ", reask.LastUserText, StringComparison.Ordinal);
        Assert.Contains("\"source\"", reask.LastUserText, StringComparison.Ordinal);
        var failed = Assert.Single(result.Journal.OfType<ValidationFailed>());
        Assert.Equal(1, failed.Attempt);
        Assert.Equal("reask", failed.Next);
        Assert.Contains(failed.Errors, e => e.Path == "/facts/0");
        Assert.Equal([1, 2], result.Journal.OfType<AgentCalled>().Where(c => c.Agent == "researcher").Select(c => c.Attempt));
        Assert.Equal("FAO 2023", result.Context.Outputs["research"].Value.GetProperty("facts")[0].GetProperty("source").GetString());
        Assert.DoesNotContain("\"text\":\"wheat yields fall\"}]}", client.Requests[2].LastUserText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not json {")]
    [InlineData("")]
    public async Task InvokeAgent_MalformedOrEmptyReply_ReasksAndNeverRecordsIt(string bad)
    {
        var client = new ScriptedChatClient(bad, Valid);
        var pipeline = Pipeline.Sequential("p", Researcher(client));

        var result = await Run(pipeline);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(2, client.CallCount);
        Assert.Contains("JSON", client.Requests[1].LastUserText, StringComparison.Ordinal);
        var recorded = Assert.Single(result.Journal.OfType<OutputRecorded>());
        Assert.True(OutputContractTests.FactsContract.Validate(recorded.Value).IsValid);
    }

    [Fact]
    public async Task InvokeAgent_AlwaysInvalidWithoutFallback_FailsListingErrorsAndRecordsNothing()
    {
        var client = new ScriptedChatClient(MissingSource, MissingSource, MissingSource);
        var pipeline = Pipeline.Sequential("p", Researcher(client), new Agent("writer", client));

        var result = await Run(pipeline);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("all 3 attempts", result.Reason, StringComparison.Ordinal);
        Assert.Contains("/facts/0", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Journal.OfType<OutputRecorded>());
        Assert.Equal(3, client.CallCount);
        Assert.Equal(["reask", "reask", "fail"], result.Journal.OfType<ValidationFailed>().Select(v => v.Next));
    }

    [Fact]
    public async Task InvokeAgent_InvalidThenFixedFallback_RecordsFallbackAnswerVia()
    {
        var client = new ScriptedChatClient(MissingSource);
        var fallback = Fallback.FixedAnswer(JsonDocument.Parse("""{"facts":[{"text":"no data","source":"none"}]}""").RootElement);
        var pipeline = Pipeline.Sequential("p", Researcher(client, 0, fallback));

        var result = await Run(pipeline);

        Assert.Equal(RunStatus.Completed, result.Status);
        var used = Assert.Single(result.Journal.OfType<FallbackUsed>());
        Assert.Equal("fallback:fixed", used.Via.Value);
        Assert.Equal("fallback:fixed", Assert.Single(result.Journal.OfType<OutputRecorded>()).Via.Value);
    }

    [Fact]
    public async Task InvokeAgent_CallFailsWithAgentFallback_BackupAgentProducesValidatedOutput()
    {
        var broken = new ScriptedChatClient().ThenThrow(new InvalidOperationException("provider down"));
        var backupClient = new ScriptedChatClient(MissingSource, Valid);
        var backup = new Agent("backup-researcher", backupClient);
        var pipeline = Pipeline.Sequential("p", Researcher(broken, 2, Fallback.ToAgent(backup)));

        var result = await Run(pipeline);

        Assert.Equal(RunStatus.Completed, result.Status);
        var output = Assert.Single(result.Journal.OfType<OutputRecorded>());
        Assert.Equal("fallback:agent:backup-researcher", output.Via.Value);
        Assert.Equal("researcher", output.Agent);
        Assert.Contains("provider down", Assert.Single(result.Journal.OfType<FallbackUsed>()).Reason, StringComparison.Ordinal);
        Assert.Equal([2, 3], result.Journal.OfType<AgentCalled>().Where(c => c.Agent == "backup-researcher").Select(c => c.Attempt));
        Assert.Equal(1, result.Journal.OfType<AgentCalled>().Max(c => c.Step));
    }

    [Fact]
    public async Task InvokeAgent_WithContract_RequestsStructuredOutputWithTheSchema()
    {
        var client = new ScriptedChatClient(Valid);

        await Run(Pipeline.Sequential("p", Researcher(client)));

        var format = Assert.IsType<ChatResponseFormatJson>(client.Requests[0].Options?.ResponseFormat);
        Assert.Equal("facts", format.SchemaName);
        Assert.True(JsonElement.DeepEquals(OutputContractTests.FactsContract.Schema, format.Schema!.Value));
    }

    [Fact]
    public async Task ResumeAsync_AfterReask_ReplaysBothAttemptsWithoutCallingModel()
    {
        var store = new InMemoryRunStore();
        using var cts = new CancellationTokenSource();
        var crashing = new ScriptedChatClient(MissingSource, Valid).Then((_, _) =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        var first = await new HandoffRunner(new HandoffRunnerOptions { Store = store })
            .RunAsync(Pipeline.Sequential("p", Researcher(crashing), new Agent("writer", crashing)), HandoffContext.Create("task"), cancellationToken: cts.Token);
        var partial = first.Journal.TakeWhile(e => e is not AgentFailed and not RunEnded).ToList();
        var resumedStore = new InMemoryRunStore();
        await resumedStore.AppendAsync(first.RunId, 0, partial, TestContext.Current.CancellationToken);

        var fresh = new ScriptedChatClient("article");
        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = resumedStore })
            .ResumeAsync(Pipeline.Sequential("p", Researcher(fresh), new Agent("writer", fresh)), first.RunId, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(1, fresh.CallCount);
        Assert.Single(result.Journal.OfType<ValidationFailed>());
        Assert.Equal("article", result.FinalText);
    }

    internal static Agent Researcher(IChatClient client, int maxReasks = 2, Fallback? fallback = null) =>
        new("researcher", client) { Writes = "research", Contract = OutputContractTests.FactsContract, MaxReasks = maxReasks, Fallback = fallback };

    private static Task<RunResult> Run(Baton.Orchestration.Orchestration pipeline) =>
        new HandoffRunner().RunAsync(pipeline, HandoffContext.Create("climate and wheat"), cancellationToken: TestContext.Current.CancellationToken);
}
