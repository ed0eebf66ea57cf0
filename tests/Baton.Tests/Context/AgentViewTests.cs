using System.Text.Json;
using Baton.Context;

namespace Baton.Tests.Context;

public class AgentViewTests
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToPrompt_TextOutputWithEscapes_ShowsDecodedText()
    {
        const string Text = "line one\nline \"two\" \\ tab\t é 😀";
        var context = HandoffContext.Create("task").WithOutput(Output("draft", JsonSerializer.SerializeToElement(Text)));

        var prompt = context.ForAgent("editor", ["draft"]).ToPrompt();

        Assert.Contains("## Input `draft` (from writer, step 1)\n" + Text + "\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPrompt_PlainAndJsonOutputs_ShowTextAndCanonicalJson()
    {
        using var json = JsonDocument.Parse("{\"facts\": [\"f1\", \"f2\"]}");
        var context = HandoffContext.Create("task")
            .WithOutput(Output("notes", JsonSerializer.SerializeToElement("plain notes")))
            .WithOutput(Output("research", json.RootElement.Clone()));

        var prompt = context.ForAgent("writer", ["notes", "research"]).ToPrompt();

        Assert.Contains("`notes` (from writer, step 1)\nplain notes\n", prompt, StringComparison.Ordinal);
        // JSON is shown compact whatever its source spacing, so a value read back from a store renders the same.
        Assert.Contains("`research` (from writer, step 1)\n{\"facts\":[\"f1\",\"f2\"]}\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPrompt_HugeThenSmallPrompt_BothComplete()
    {
        var huge = new string('h', 40_000);
        var context = HandoffContext.Create("task").WithOutput(Output("big", JsonSerializer.SerializeToElement(huge)));

        var first = context.ForAgent("a", ["big"]).ToPrompt();
        var second = context.ForAgent("b", []).ToPrompt();

        Assert.Contains(huge, first, StringComparison.Ordinal);
        Assert.EndsWith("## Your role\na\n", first, StringComparison.Ordinal);
        Assert.DoesNotContain("hhh", second, StringComparison.Ordinal);
        Assert.EndsWith("## Your role\nb\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void ForAgent_ReadsNamingMissingOutput_SkipsIt()
    {
        var context = HandoffContext.Create("task").WithOutput(Output("draft", JsonSerializer.SerializeToElement("d")));

        var view = context.ForAgent("editor", ["missing", "draft"]);

        Assert.Equal(["draft"], view.Outputs.Select(o => o.Name));
    }

    private static HandoffOutput Output(string name, JsonElement value) =>
        new() { Name = name, Value = value, ProducedBy = "writer", Step = 1, Timestamp = s_time };
}
