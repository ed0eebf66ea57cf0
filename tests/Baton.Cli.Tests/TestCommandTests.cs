namespace Baton.Cli.Tests;

public sealed class TestCommandTests
{
    [Fact]
    public async Task Test_ShippedFixturesWithEdgeCases_OneLinePerFixtureAndExit0()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("test", "samples/01-sequential/pipeline.yaml", "--fixtures", "samples/01-sequential/fixtures", "--edge-cases");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("PASS  drought-wheat ", run.Out, StringComparison.Ordinal);
        Assert.Contains("PASS  floods-rice~forged-approval", run.Out, StringComparison.Ordinal);
        Assert.Contains("writer: 18 fixtures, 18 passed, 0 failed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_FixtureExpectationNotMet_ReportsFailAndExits1()
    {
        using var cli = new CliHarness();
        cli.Write("fixtures/impossible.json", """
            {
              "name": "impossible",
              "task": "climate change impacts on agriculture",
              "from": "researcher",
              "outputs": { "research": { "summary": "s", "key_facts": ["f"], "sources": ["x"] } },
              "expect": { "contains": ["a phrase the rehearsal model never writes"] }
            }
            """);

        var run = await cli.RunAsync("test", "samples/01-sequential/pipeline.yaml", "--fixtures", Path.Combine(cli.WorkingDirectory, "fixtures"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("FAIL  impossible", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 failed", run.Out, StringComparison.Ordinal);
    }
}
