using System.Collections.Immutable;
using Baton.Compression;
using Baton.Context;
using CsCheck;
using static Baton.Tests.Compression.CompressionFixtures;

namespace Baton.Tests.Compression;

public class ContextCompressorTests
{
    [Fact]
    public async Task Truncate_LongTextOutput_CutsWithMarkerAndFits()
    {
        var view = HandoffContext.Create("task", "intent").WithOutput(Output("notes", 1, Words(2000, 1))).ForAgent("reader");

        var result = await new TruncatingCompressor().CompressAsync(Request(view, 600), TestContext.Current.CancellationToken);

        var text = Assert.Single(result.View.Outputs).ToText();
        Assert.Contains("… [truncated ", text, StringComparison.Ordinal);
        Assert.StartsWith(Words(20, 1), text, StringComparison.Ordinal);
        Assert.True(Request(result.View, 600).Measure(result.View) <= 600);
        Assert.Equal(["truncate"], result.Strategies);
    }

    [Fact]
    public async Task DropLeastRelevant_UnreadOutputsGoFirst_ThenOldest()
    {
        var context = HandoffContext.Create("task", "intent")
            .WithOutput(Output("old-read", 1, Words(300, 1)))
            .WithOutput(Output("unread", 2, Words(300, 2)))
            .WithOutput(Output("new-read", 3, Words(300, 3)));
        var view = context.ForAgent("reader");
        var request = Request(view, Request(view, 1).Measure(view with { Outputs = [view.Outputs[2]] }) + 5, reads: ["old-read", "new-read"]);

        var result = await new DropLeastRelevantCompressor().CompressAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["unread", "old-read"], result.DroppedOutputs);
        Assert.Equal("new-read", Assert.Single(result.View.Outputs).Name);
    }

    [Fact]
    public void Default_RandomViews_FitBudgetWheneverTaskIntentAndConstraintsAloneFit()
    {
        var genView = Gen.Select(Gen.Int[1, 60], Gen.Int[0, 4], Gen.Int[0, 6], Gen.Int[0, 600], Gen.Int[0, 10_000]);
        genView.Sample(
            (taskWords, constraints, outputs, outputWords, seed) =>
            {
                var context = HandoffContext.Create(Words(taskWords, seed), Words(8, seed + 1), Enumerable.Range(0, constraints).Select(i => Words(6, seed + i)));
                for (var i = 0; i < outputs; i++)
                {
                    context = context.WithOutput(Output($"out{i}", i + 1, Words(outputWords / (i + 1), seed + i)))
                        .WithCompletedStep(new CompletedStep(i + 1, $"agent{i + 1}", $"wrote out{i}"));
                }

                var view = context.ForAgent("reader", note: seed % 3 == 0 ? "be brief" : null);
                var floor = Request(view, 1).Measure(view with { Outputs = [], CompletedSteps = [] });
                var budget = Math.Max(1, floor + (seed % 400) - 100);
                var request = Request(view, budget);

                var compressed = ContextCompressors.Default.CompressAsync(request).AsTask().GetAwaiter().GetResult().View;

                Assert.Equal(view.OriginalTask, compressed.OriginalTask);
                Assert.Equal(view.Intent, compressed.Intent);
                Assert.Equal(view.Constraints, compressed.Constraints);
                if (floor <= budget)
                {
                    Assert.True(request.Measure(compressed) <= budget, $"view of {request.Measure(compressed)} tokens over budget {budget} (floor {floor})");
                }
            },
            iter: 80);
    }

    [Fact]
    public async Task Composite_StopsOnceTheViewFits()
    {
        var view = HandoffContext.Create("task", "intent").WithOutput(Output("notes", 1, Words(400, 1))).ForAgent("reader");

        var result = await ContextCompressors.Default.CompressAsync(Request(view, 5_000), TestContext.Current.CancellationToken);

        Assert.Empty(result.Strategies);
        Assert.Same(view, result.View);
    }

    [Fact]
    public void Measure_CountsInstructionsAndPrompt()
    {
        var view = HandoffContext.Create("task").ForAgent("reader");
        var request = Request(view, 100);

        Assert.Equal(TiktokenTokenCounter.Default.CountTokens("You read.") + TiktokenTokenCounter.Default.CountTokens(view.ToPrompt()), request.Measure(view));
    }

    internal static ImmutableArray<string> Names(AgentView view) => [.. view.Outputs.Select(o => o.Name)];
}
