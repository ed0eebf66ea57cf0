namespace Baton.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("samples/02-supervisor/support-desk.yaml")]
    [InlineData("samples/03-review-loop/review.yaml")]
    [InlineData("samples/04-approval-gate/approval.yaml")]
    public async Task Validate_ShippedSample_IsValid(string path)
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("validate", path);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Validate_ShippedSequentialSample_IsValid()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("validate", "samples/01-sequential/pipeline.yaml");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("valid: 'article' with 3 agents (researcher, writer, editor)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownFlowAgent_ReportsFileLineColumnAndExits2()
    {
        using var cli = new CliHarness();
        var spec = cli.Write("specs/desk.yaml", """
            agents:
              classifier: {}
              billing: {}
            flow:
              supervisor:
                supervisor: classifier
                workers: [biling]
            """);

        var run = await cli.RunAsync("validate", spec);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("specs/desk.yaml:7:15: error: The flow names agent 'biling', which is not declared under 'agents'; did you mean 'billing'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_Exits2()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("validate", "nope.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.yaml:1:1: error: The spec file 'nope.yaml' does not exist.", run.Error, StringComparison.Ordinal);
    }
}
