using System.Text.Json;
using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Secrets;
using Baton.Testing;

namespace Baton.Tests.Secrets;

public class JournalRedactionTests
{
    private const string Key = "sk-proj-Journal0Redaction1Key2abcdef";

    [Fact]
    public async Task RunAsync_AnswerEchoesTheKeyWithRedactor_NoEventObserverOrResultHoldsIt()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["a"] = [$$"""{"note":"your key is {{Key}}","{{Key}}":["{{Key[..20]}}"]}"""],
            ["b"] = ["done"],
        });
        var store = new InMemoryRunStore();
        var seen = new List<JournalEvent>();
        var options = new HandoffRunnerOptions { Store = store, Redactor = new SecretRedactor(Key) };
        options.Observers.Add(new CallbackObserver(seen.Add));
        var pipeline = Pipeline.Sequential("p", new Agent("a", client) { Writes = "facts" }, new Agent("b", client) { Reads = ["facts"] });

        var result = await new HandoffRunner(options).RunAsync(pipeline, $"task mentioning {Key}", TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        var stored = string.Join("\n", (await store.ReadAsync(result.RunId, TestContext.Current.CancellationToken)).Select(JournalSerializer.Serialize));
        Assert.DoesNotContain(Key[..8], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..8], string.Join("\n", seen.Select(JournalSerializer.Serialize)), StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, stored, StringComparison.Ordinal);
        var facts = result.Context.Outputs["facts"].ToText();
        Assert.Contains($"your key is {SecretRedactor.Mask}", facts, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..8], facts, StringComparison.Ordinal);

        // The next agent was handed the redacted output: the run went on from what its journal holds.
        var prompt = string.Join("\n", client.Requests[^1].Messages.Select(m => m.Text));
        Assert.DoesNotContain(Key[..8], prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeAsync_JournalRedactedWhenWritten_ReplaysWithoutMismatch()
    {
        var live = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["a"] = [$"key {Key} inside"],
            ["b"] = ["done"],
        });
        var store = new InMemoryRunStore();
        var redactor = new SecretRedactor(Key);
        var first = await new HandoffRunner(new HandoffRunnerOptions { Store = store, Redactor = redactor })
            .RunAsync(Build(live), "task", TestContext.Current.CancellationToken);
        var body = (await store.ReadAsync(first.RunId, TestContext.Current.CancellationToken)).Where(e => e is not RunEnded).ToList();
        var copy = new InMemoryRunStore();
        await copy.AppendAsync(first.RunId, 0, body, TestContext.Current.CancellationToken);
        var never = new ScriptedChatClient(_ => throw new InvalidOperationException("a replay must not call the model"));

        var replayed = await new HandoffRunner(new HandoffRunnerOptions { Store = copy, Redactor = redactor })
            .ResumeAsync(Build(never), first.RunId, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, replayed.Status);
        Assert.Equal(first.FinalText, replayed.FinalText);
    }

    [Fact]
    public void Apply_OutputValueWithTheKeyInNamesAndNestedStrings_MasksEveryOneAndKeepsTheRest()
    {
        using var value = JsonDocument.Parse($$"""{"keep":1,"{{Key}}":{"list":["x","{{Key}}",2,null]},"last":"{{Key[3..]}}"}""");
        var recorded = new OutputRecorded { Step = 1, Agent = "a", Name = "facts", Value = value.RootElement.Clone(), Summary = "s" };

        var redacted = JournalRedaction.Apply(recorded, new SecretRedactor(Key));

        Assert.NotSame(recorded, redacted);
        using var expected = JsonDocument.Parse($$"""{"keep":1,"{{SecretRedactor.Mask}}":{"list":["x","{{SecretRedactor.Mask}}",2,null]},"last":"{{SecretRedactor.Mask}}"}""");
        Assert.True(JsonElement.DeepEquals(expected.RootElement, redacted.Value), redacted.Value.GetRawText());
        Assert.Equal(("a", 1, "facts", "s"), (redacted.Agent, redacted.Step, redacted.Name, redacted.Summary));
    }

    [Fact]
    public void Apply_NothingSecret_ReturnsTheSameEvent()
    {
        var answered = new AgentAnswered { Step = 1, Agent = "a", Attempt = 1, Text = "fine" };

        Assert.Same(answered, JournalRedaction.Apply(answered, new SecretRedactor(Key)));
    }

    [Fact]
    public async Task RunAsync_NoRedactor_JournalsTextAsItIs()
    {
        var client = new ScriptedChatClient($"key {Key}");

        var result = await new HandoffRunner().RunAsync(Pipeline.Sequential("p", new Agent("a", client)), "task", TestContext.Current.CancellationToken);

        Assert.Contains(Key, result.Journal.OfType<AgentAnswered>().Single().Text, StringComparison.Ordinal);
    }

    private static SequentialPipeline Build(ScriptedChatClient client) =>
        Pipeline.Sequential("p", new Agent("a", client) { Writes = "facts" }, new Agent("b", client) { Reads = ["facts"] });

    private sealed class CallbackObserver(Action<JournalEvent> onEvent) : IRunObserver
    {
        public void OnEvent(RunState state, JournalEvent journalEvent) => onEvent(journalEvent);
    }
}
