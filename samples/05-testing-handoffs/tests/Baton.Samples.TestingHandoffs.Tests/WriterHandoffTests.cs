using Baton.Testing;

namespace Baton.Samples.TestingHandoffs;

/// <summary>Tests the researcher -> writer handoff in isolation: only the writer runs, on fixtures of what the researcher produces.</summary>
public class WriterHandoffTests
{
    private static readonly string s_fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");

    private static HandoffTest WriterTest() =>
        new HandoffTest(SampleAgents.Writer(ScriptedWriter.Create()))
            .Check("stays short", draft => draft.Value.GetProperty("body").GetString()!.Length <= 1_200 ? null : "the body is longer than 1,200 characters");

    [Fact]
    public async Task Writer_RepresentativeResearch_PassesEveryFixture()
    {
        var fixtures = HandoffFixtures.LoadDirectory(s_fixtures);

        var report = await WriterTest().RunAsync(fixtures, TestContext.Current.CancellationToken);

        // The report has one line per fixture; print it so a failure shows which fixture and why.
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToText());
        Assert.True(report.Passed, report.ToText());
    }

    [Fact]
    public async Task Writer_WhenResearcherMisbehaves_StillWritesAValidDraft()
    {
        var fixtures = HandoffFixtures.LoadDirectory(s_fixtures);
        var generator = new EdgeCaseGenerator(seed: 42);
        var edgeCases = fixtures.SelectMany(f => generator.Generate(f, new EdgeCaseOptions { OversizedTokens = 4_000 })).ToList();

        var report = await WriterTest().RunAsync(edgeCases, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToText());
        Assert.Equal(27, report.Results.Length);
        Assert.True(report.Passed, report.ToText());
    }
}
