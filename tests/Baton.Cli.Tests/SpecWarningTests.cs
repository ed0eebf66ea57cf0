namespace Baton.Cli.Tests;

/// <summary>Deprecated spec keys (issue 10) still work; the CLI prints their warning and runs as before.</summary>
public sealed class SpecWarningTests
{
    [Fact]
    public async Task Validate_DeprecatedSupervisorKeys_IsValidWithLocatedWarnings()
    {
        using var cli = new CliHarness();
        var spec = cli.Write("specs/desk.yaml", """
            agents:
              classifier: {}
              billing: {}
            flow:
              supervisor:
                supervisor: classifier
                workers: [billing]
                max_rounds: 3
            """);

        var run = await cli.RunAsync("validate", spec);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("specs/desk.yaml:7:5: warning: 'workers' in a supervisor flow is deprecated; write 'specialists'", run.Error, StringComparison.Ordinal);
        Assert.Contains("specs/desk.yaml:8:5: warning: 'max_rounds' in a supervisor flow is deprecated; write 'max_steps'", run.Error, StringComparison.Ordinal);
    }
}
