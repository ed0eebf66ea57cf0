using System.Text.Json;
using Baton.Context;

namespace Baton.Tests.Context;

public class HandoffContextTests
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static HandoffOutput Output(string name, string json, string by, int step) => new()
    {
        Name = name,
        Value = JsonDocument.Parse(json).RootElement.Clone(),
        ProducedBy = by,
        Step = step,
        Timestamp = s_time.AddSeconds(step),
    };

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void Create_EmptyTask_ThrowsWithClearMessage(string task)
    {
        var ex = Assert.Throws<ArgumentException>(() => HandoffContext.Create(task));

        Assert.Equal("task", ex.ParamName);
        Assert.Contains("The task is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoIntent_DerivesIntentFromFirstLine()
    {
        var context = HandoffContext.Create("Write a haiku about rain\nmore detail here");

        Assert.Equal("Write a haiku about rain", context.Intent);
    }

    [Fact]
    public void Create_EmptyConstraint_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => HandoffContext.Create("t", constraints: ["ok", " "]));

        Assert.Contains("Constraint #2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForAgent_AnyRole_AlwaysCarriesTaskIntentAndConstraints()
    {
        var context = HandoffContext.Create("the task", "the intent", ["c1", "c2"])
            .WithOutput(Output("research", """{"a":1}""", "researcher", 1));

        var view = context.ForAgent("editor", reads: []);
        var prompt = view.ToPrompt();

        Assert.Equal("the task", view.OriginalTask);
        Assert.Equal("the intent", view.Intent);
        Assert.Equal(["c1", "c2"], view.Constraints);
        Assert.Empty(view.Outputs);
        Assert.Contains("the task", prompt, StringComparison.Ordinal);
        Assert.Contains("the intent", prompt, StringComparison.Ordinal);
        Assert.Contains("- c2", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("research", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void ForAgent_Reads_SelectsOnlyNamedOutputsWithProvenance()
    {
        var context = HandoffContext.Create("t")
            .WithOutput(Output("research", """{"a":1}""", "researcher", 1))
            .WithOutput(Output("draft", "\"text\"", "writer", 2));

        var view = context.ForAgent("editor", ["draft"]);

        var output = Assert.Single(view.Outputs);
        Assert.Equal("draft", output.Name);
        Assert.Equal("writer", output.ProducedBy);
        Assert.Contains("## Input `draft` (from writer, step 2)", view.ToPrompt(), StringComparison.Ordinal);
    }

    [Fact]
    public void ForAgent_NullReads_SeesAllOutputsInStepOrder()
    {
        var context = HandoffContext.Create("t")
            .WithOutput(Output("b", "2", "x", 2))
            .WithOutput(Output("a", "1", "y", 1));

        var view = context.ForAgent("r");

        Assert.Equal(["a", "b"], view.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void Json_RoundTrip_PreservesEverything()
    {
        var context = HandoffContext.Create("the task", "the intent", ["c1"])
            .WithOutput(Output("research", """{"facts":["x","y"],"n":3}""", "researcher", 1))
            .WithCompletedStep(new CompletedStep(1, "researcher", "wrote research"));

        var json = context.ToJson();
        var back = HandoffContext.FromJson(json);

        Assert.Equal(context, back);
        Assert.Contains("\"schema_version\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"original_task\":\"the task\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NewerSchemaVersion_ThrowsWithUpgradeHint()
    {
        var json = HandoffContext.Create("t").ToJson().Replace("\"schema_version\":1", "\"schema_version\":99", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonException>(() => HandoffContext.FromJson(json));

        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOutput_SameName_ReplacesAndKeepsOriginalImmutable()
    {
        var original = HandoffContext.Create("t").WithOutput(Output("draft", "\"v1\"", "writer", 1));

        var updated = original.WithOutput(Output("draft", "\"v2\"", "editor", 2));

        Assert.Equal("v1", original.Outputs["draft"].ToText());
        Assert.Equal("v2", updated.Outputs["draft"].ToText());
        Assert.Equal("editor", updated.Outputs["draft"].ProducedBy);
    }
}
