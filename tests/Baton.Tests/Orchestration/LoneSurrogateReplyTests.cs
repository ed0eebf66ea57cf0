using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;
using Baton.Testing;
using Baton.Validation;
using static Baton.Tests.Orchestration.Supervisor.SupportDesk;

namespace Baton.Tests.Orchestration;

/// <summary>
/// Issue 11, class 1: a model reply holding a lone UTF-16 surrogate (raw, or as a <c>\ud83d</c> escape) is an
/// unusable reply like any other in every reply reader: journaled with the error, re-asked, then the fallback — never
/// a crash, and the journal it leaves is valid text that every store can write and read back.
/// </summary>
public sealed class LoneSurrogateReplyTests
{
    private const string RawLone = "\ud83d";
    private const string EscapedLone = "\\ud83d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> LoneSurrogates => [RawLone, EscapedLone];

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task Supervisor_DecisionWithALoneSurrogate_IsReaskedThenRoutes(string lone)
    {
        var bad = $"{{\"next_agent\": \"billing\", \"context_for_agent\": \"x{lone}\", \"reasoning\": \"y\"}}";
        var client = Scripted(("dispatcher", [bad, Route("billing", "refund"), Route("DONE")]), ("billing", ["Refunded."]));

        var result = await new HandoffRunner().RunAsync(Create(client), HandoffContext.Create(Supervisor.SupportDesk.Task), cancellationToken: Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        var first = result.Journal.OfType<RoutingDecided>().First();
        Assert.Contains("not valid Unicode", first.ParseError, StringComparison.Ordinal);
        Assert.Contains("could not be used (attempt 1 of 3)", client.Requests[1].LastUserText, StringComparison.Ordinal);
        AssertStorable(result.Journal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task Supervisor_OnlyLoneSurrogateDecisions_EndWithTheDeclaredFallback(string lone)
    {
        var bad = $"{{\"next_agent\": \"bill{lone}\", \"context_for_agent\": \"\", \"reasoning\": \"\"}}";
        var client = Scripted(("dispatcher", [bad, bad]));
        var options = new SupervisorOptions { MaxDecisionReasks = 1, OnInvalidDecision = Fallback.FixedAnswer("A person will reply.") };

        var result = await new HandoffRunner().RunAsync(Create(client, options), HandoffContext.Create(Supervisor.SupportDesk.Task), cancellationToken: Ct);

        Assert.Equal((RunStatus.Failed, "A person will reply."), (result.Status, result.FinalText));
        Assert.Equal(2, result.Journal.OfType<RoutingDecided>().Count(d => d.ParseError is not null));
        Assert.Single(result.Journal.OfType<GuardTriggered>());
        AssertStorable(result.Journal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task ReviewLoop_JsonVerdictWithALoneSurrogate_IsReaskedThenApproved(string lone)
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["writer"] = ["draft"],
            ["editor"] = [$"{{\"verdict\": \"approved\", \"feedback\": \"ok {lone}\"}}", "{\"verdict\": \"approved\"}"],
        });
        var loop = Pipeline.ReviewLoop(
            "note",
            new Agent("writer", client) { Writes = "draft" },
            new Agent("editor", client),
            new ReviewLoopOptions { VerdictFormat = ReviewVerdictFormat.Json, ReaskUnreadableVerdicts = true });

        var result = await new HandoffRunner().RunAsync(loop, "Write a note.", Ct);

        Assert.Equal((RunStatus.Completed, "draft"), (result.Status, result.FinalText));
        Assert.Equal(2, client.Requests.Count(r => r.Role == "editor"));
        Assert.Contains(result.Journal.OfType<ReviewVerdictRecorded>(), v => v.ParseError?.Contains("not valid Unicode", StringComparison.Ordinal) == true);
        AssertStorable(result.Journal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task ReviewLoop_JsonVerdictWithALoneSurrogateNotReasked_IsARevisionRequestNotACrash(string lone)
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["writer"] = ["d1", "d2"],
            ["editor"] = [$"{{\"verdict\": \"{lone}\"}}", "{\"verdict\": \"approved\"}"],
        });
        var loop = Pipeline.ReviewLoop("note", new Agent("writer", client) { Writes = "draft" }, new Agent("editor", client), new ReviewLoopOptions { VerdictFormat = ReviewVerdictFormat.Json });

        var result = await new HandoffRunner().RunAsync(loop, "Write a note.", Ct);

        Assert.Equal((RunStatus.Completed, "d2"), (result.Status, result.FinalText));
        Assert.Equal(["unreadable", "approved"], result.Journal.OfType<ReviewVerdictRecorded>().Select(v => v.Verdict.Value));
        AssertStorable(result.Journal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task Contract_OutputWithALoneSurrogate_IsReaskedThenValid(string lone)
    {
        var client = new ScriptedChatClient($"{{\"title\": \"a{lone}b\"}}", "{\"title\": \"ok\"}");
        var pipeline = Pipeline.Sequential("p", new Agent("a", client) { Writes = "note", Contract = TitleContract() });

        var result = await new HandoffRunner().RunAsync(pipeline, "task", Ct);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("ok", result.FinalOutput!.Value.GetProperty("title").GetString());
        Assert.Equal(2, client.CallCount);
        var failed = Assert.Single(result.Journal.OfType<ValidationFailed>());
        Assert.Contains("not valid Unicode", failed.Errors[0].Message, StringComparison.Ordinal);
        AssertStorable(result.Journal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task Contract_OnlyLoneSurrogateOutputs_EndWithTheAgentsFallback(string lone)
    {
        var bad = $"{{\"title\": \"{lone}\"}}";
        var client = new ScriptedChatClient(bad, bad, bad);
        var agent = new Agent("a", client) { Writes = "note", Contract = TitleContract(), MaxReasks = 2, Fallback = Fallback.FixedAnswer(Json("{\"title\": \"withheld\"}")) };

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", agent), "task", Ct);

        Assert.Equal("withheld", result.FinalOutput!.Value.GetProperty("title").GetString());
        Assert.Equal(3, client.CallCount);
        Assert.Equal(3, result.Journal.OfType<ValidationFailed>().Count());
        Assert.Single(result.Journal.OfType<FallbackUsed>());
        AssertStorable(result.Journal);
    }

    [Fact]
    public async Task TextOutput_RawLoneSurrogate_IsKeptAsAReplacementCharacter()
    {
        var client = new ScriptedChatClient($"fine {RawLone} text");

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", new Agent("a", client)), "task", Ct);

        Assert.Equal((RunStatus.Completed, "fine \uFFFD text"), (result.Status, result.FinalText));
        AssertStorable(result.Journal);
    }

    private static OutputContract TitleContract() =>
        OutputContract.FromSchema(Json("{\"type\": \"object\", \"properties\": {\"title\": {\"type\": \"string\"}}, \"required\": [\"title\"]}"), "note");

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    // What a store does with each event: serialize it, then read the stored row back under its run and sequence.
    private static void AssertStorable(IReadOnlyList<JournalEvent> journal)
    {
        foreach (var e in journal)
        {
            var json = JournalSerializer.Serialize(e);
            Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(json));
            var back = JournalSerializer.DeserializeStored(e.RunId, e.Sequence, json, JournalSerializer.CurrentSchemaVersion);
            Assert.Equal(json, JournalSerializer.Serialize(back));
        }
    }
}
