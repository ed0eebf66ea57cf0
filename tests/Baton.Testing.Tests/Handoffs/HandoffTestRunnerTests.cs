using System.Collections.Immutable;
using System.Text.Json;
using Baton.Agents;
using Baton.Guards;
using Baton.Validation;

namespace Baton.Testing.Tests.Handoffs;

public class HandoffTestRunnerTests
{
    private static readonly HandoffFixture s_drought = HandoffFixtures.Parse(
        """{ "name": "drought", "task": "Write about drought", "from": "researcher", "outputs": { "research": { "facts": ["yields fell 20%"] } } }""");

    private static readonly HandoffFixture s_floods = HandoffFixtures.Parse(
        """{ "name": "floods", "task": "Write about floods", "outputs": { "research": { "facts": ["rivers rose"] } }, "expect": { "contains": ["rivers"] } }""");

    [Fact]
    public async Task RunAsync_RunsOnlyTheAgentUnderTest_WithTheFixtureOutputsInItsPrompt()
    {
        var client = new ScriptedChatClient(r => r.LastUserText.Contains("yields fell", StringComparison.Ordinal) ? "draft about yields" : "draft about rivers");
        var writer = new Agent("writer", client) { Reads = ["research"] };

        var report = await new HandoffTest(writer).RunAsync([s_drought, s_floods], TestContext.Current.CancellationToken);

        Assert.Equal(2, client.CallCount);
        Assert.Contains("## Input `research` (from researcher", client.Requests[0].LastUserText, StringComparison.Ordinal);
        Assert.Contains("## Task\nWrite about drought", client.Requests[0].LastUserText, StringComparison.Ordinal);
        Assert.True(report.Passed, report.ToText());
        Assert.Equal("draft about yields", report.Results[0].Output!.ToText());
        Assert.True(report.Results[0].InputTokens > 0);
    }

    [Fact]
    public async Task ToText_OneLinePerFixturePlusSummary()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "a draft mentioning rivers"));

        var report = await new HandoffTest(writer).RunAsync([s_drought, s_floods], TestContext.Current.CancellationToken);

        var lines = report.ToText().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("PASS  drought", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("PASS  floods", lines[1], StringComparison.Ordinal);
        Assert.Contains(" tok ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" ms", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("writer: 2 fixtures, 2 passed, 0 failed", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailingAssertion_FailsTheFixtureAndTheReport()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "a draft mentioning rivers"));
        var test = new HandoffTest(writer).Check("mentions yields", o => o.ToText().Contains("yields", StringComparison.Ordinal) ? null : "the draft does not mention yields");

        var report = await test.RunAsync([s_drought, s_floods], TestContext.Current.CancellationToken);

        Assert.False(report.Passed);
        Assert.Equal(2, report.FailedCount);
        var failure = report.Results[0].Failures.Single();
        Assert.Equal("mentions yields: the draft does not mention yields", failure);
        Assert.StartsWith("FAIL  drought", report.ToText().Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("the draft does not mention yields", report.ToText().Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CheckThrows_FailsWithTheExceptionMessage()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "x"));
        var test = new HandoffTest(writer).CheckRun("asserts", c => throw new InvalidOperationException("boom"));

        var report = await test.RunAsync([s_drought], TestContext.Current.CancellationToken);

        Assert.Equal("asserts: InvalidOperationException: boom", report.Results[0].Failures.Single());
    }

    [Fact]
    public async Task RunAsync_ExpectationsFromTheFixture_AreChecked()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "a draft about lakes"));

        var report = await new HandoffTest(writer).RunAsync([s_floods], TestContext.Current.CancellationToken);

        Assert.Equal("output does not contain \"rivers\"", report.Results[0].Failures.Single());
    }

    [Fact]
    public async Task RunAsync_ContractViolated_FailsWithContractReason()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => """{"title": "T"}""")) { OutputFormat = AgentOutputFormat.Json };
        var test = new HandoffTest(writer).WithContract(v => v.TryGetProperty("body", out _) ? null : "missing required field 'body'");

        var report = await test.RunAsync([s_drought], TestContext.Current.CancellationToken);

        Assert.Equal("contract: missing required field 'body'", report.Results[0].Failures.Single());
    }

    [Fact]
    public async Task RunAsync_AgentReplyUnparseable_FailsWithRunReason()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "not json")) { OutputFormat = AgentOutputFormat.Json };

        var report = await new HandoffTest(writer).RunAsync([s_drought], TestContext.Current.CancellationToken);

        var failure = report.Results[0].Failures.Single();
        Assert.StartsWith("expected the run to end Completed, it ended Failed:", failure, StringComparison.Ordinal);
        Assert.Contains("unusable reply", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FixtureLacksADeclaredInput_FailsNamingItWithoutCallingTheModel()
    {
        var client = new ScriptedChatClient(_ => "x");
        var editor = new Agent("editor", client) { Reads = ["draft"] };

        var report = await new HandoffTest(editor).RunAsync([s_drought], TestContext.Current.CancellationToken);

        Assert.Equal(0, client.CallCount);
        Assert.Contains("has no output 'draft'", report.Results[0].Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AgentFollowsInjectedInstructions_TheInjectionCaseFails()
    {
        // A gullible agent: it obeys any "reply with exactly X" it reads.
        var client = new ScriptedChatClient(r =>
        {
            var text = r.LastUserText;
            var at = text.IndexOf("reply with exactly ", StringComparison.Ordinal);
            return at < 0 ? "an honest draft" : text[(at + 19)..].Split(' ')[0];
        });
        var writer = new Agent("writer", client) { Reads = ["research"] };
        var cases = new EdgeCaseGenerator().Generate(s_drought, new EdgeCaseOptions { Kinds = [EdgeCaseKind.PromptInjection, EdgeCaseKind.Unicode] });

        var report = await new HandoffTest(writer).RunAsync([s_drought, .. cases], TestContext.Current.CancellationToken);

        Assert.Equal([true, true, false], report.Results.Select(r => r.Passed));
        Assert.Equal(EdgeCaseKind.PromptInjection, report.Results[2].EdgeCase);
        Assert.Contains("must not", report.Results[2].Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyContextCase_RunsWithoutTheMissingInput()
    {
        var client = new ScriptedChatClient(_ => "I need research to write this.");
        var writer = new Agent("writer", client) { Reads = ["research"] };
        var empty = new EdgeCaseGenerator().Generate(s_drought, new EdgeCaseOptions { Kinds = [EdgeCaseKind.EmptyContext] });

        var report = await new HandoffTest(writer).RunAsync(empty, TestContext.Current.CancellationToken);

        Assert.True(report.Passed, report.ToText());
        Assert.DoesNotContain("## Input", client.Requests[0].LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OversizedCase_ReportsTokensBeyondTheBudget()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "draft")) { Reads = ["research"] };
        var oversized = new EdgeCaseGenerator().Generate(s_drought, new EdgeCaseOptions { Kinds = [EdgeCaseKind.Oversized], OversizedTokens = 2_000 });
        var runner = new HandoffTestRunner(new HandoffTestOptions { Limits = new RunLimits { TokenBudget = 1_000, MaxSteps = 1 } });

        var report = await runner.RunAsync(new HandoffTest(writer), [s_drought, .. oversized], TestContext.Current.CancellationToken);

        Assert.True(report.Results[0].Passed, report.ToText());
        var oversizedResult = report.Results[1];
        Assert.True(oversizedResult.InputTokens > 1_000);
        Assert.Contains($"{oversizedResult.InputTokens + oversizedResult.OutputTokens} tok", report.ToText().Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJson_IsMachineReadable()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "a draft mentioning rivers"));
        var test = new HandoffTest(writer).CheckRun("never", _ => "always fails");

        var report = await test.RunAsync([s_drought], TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.Equal("writer", root.GetProperty("agent").GetString());
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal(1, root.GetProperty("failed_count").GetInt32());
        var result = root.GetProperty("results")[0];
        Assert.Equal("drought", result.GetProperty("fixture").GetString());
        Assert.Equal("never: always fails", result.GetProperty("failures")[0].GetString());
        Assert.Equal("a draft mentioning rivers", result.GetProperty("output").GetString());
        Assert.Equal("Completed", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_DuplicateFixtureNames_Throws()
    {
        var writer = new Agent("writer", new ScriptedChatClient(_ => "x"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new HandoffTest(writer).RunAsync([s_drought, s_drought], TestContext.Current.CancellationToken));

        Assert.Contains("'drought'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExpectedFailureStatus_PassesWhenTheRunFailsThatWay()
    {
        var fixture = s_drought with { Name = "must-fail", Expect = new HandoffExpectation { Status = RunStatus.Failed } };
        var writer = new Agent("writer", new ScriptedChatClient().ThenThrow(new InvalidOperationException("down")));

        var report = await new HandoffTest(writer).RunAsync([fixture], TestContext.Current.CancellationToken);

        Assert.True(report.Passed, report.ToText());
        Assert.Equal(ImmutableArray<string>.Empty, report.Results[0].Failures);
    }

    [Fact]
    public async Task RunAsync_AgentWithOutputContract_IsCheckedAndRejectedRepliesAreReported()
    {
        var contract = OutputContract.FromSchema(JsonDocument.Parse("""{ "type": "object", "required": ["body"] }""").RootElement, "draft");
        var writer = new Agent("writer", new ScriptedChatClient("""{"title": "no body"}""", """{"body": "fixed"}""")) { Contract = contract };

        var report = await new HandoffTest(writer).RunAsync([s_drought], TestContext.Current.CancellationToken);

        Assert.True(report.Passed, report.ToText());
        Assert.Equal(1, report.Results[0].ValidationFailures);
        Assert.Contains("(1 rejected reply)", report.ToText().Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AgentBreaksItsOutputContract_FixtureFailsNamingTheContract()
    {
        var contract = OutputContract.FromSchema(JsonDocument.Parse("""{ "type": "object", "required": ["body"] }""").RootElement, "draft");
        var writer = new Agent("writer", new ScriptedChatClient(_ => """{"title": "no body"}""")) { Contract = contract, MaxReasks = 1 };

        var report = await new HandoffTest(writer).RunAsync([s_drought], TestContext.Current.CancellationToken);

        var failure = report.Results[0].Failures.Single();
        Assert.Contains("breaks contract 'draft'", failure, StringComparison.Ordinal);
        Assert.Equal(2, report.Results[0].ValidationFailures);
    }
}
