using System.Text.Json;

namespace Baton.Cli.Tests;

public sealed class RunCommandTests
{
    private const string Sample = "samples/01-sequential/pipeline.yaml";

    [Fact]
    public async Task Run_SampleWithoutProvider_RehearsesAndSaysSoBeforeTheRun()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("run", Sample);

        Assert.True(run.ExitCode == 0, run.ToString());
        var notice = run.Out.IndexOf("REHEARSAL: no model provider is configured", StringComparison.Ordinal);
        var started = run.Out.IndexOf("started: article on \"climate change impacts on agriculture\"", StringComparison.Ordinal);
        Assert.InRange(notice, 0, started - 1);
        Assert.Contains("ANTHROPIC_API_KEY", run.Out, StringComparison.Ordinal);
        Assert.Contains("--model", run.Out, StringComparison.Ordinal);
        Assert.Contains("step 1/10: (start) -> researcher", run.Out, StringComparison.Ordinal);
        Assert.Contains("step 3/10: writer -> editor  reads: draft", run.Out, StringComparison.Ordinal);
        Assert.Contains("Completed after 3 steps", run.Out, StringComparison.Ordinal);
        Assert.Contains("Final output 'article' (from editor, step 3):", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.StorePath));
    }

    [Fact]
    public async Task Run_Json_PrintsOneDocumentWithTheSchemaShapedOutputs()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("run", Sample, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal("Completed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("rehearsal").GetBoolean());
        Assert.Equal(3, root.GetProperty("steps").GetInt32());
        Assert.Equal("article", root.GetProperty("final_output").GetProperty("name").GetString());
        Assert.Contains("REHEARSAL", run.Error, StringComparison.Ordinal);

        var show = await cli.RunAsync("show", root.GetProperty("run_id").GetString()!, "--json");
        using var journal = JsonDocument.Parse(show.Out);
        var research = journal.RootElement.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "output_recorded" && e.GetProperty("name").GetString() == "research");
        var value = research.GetProperty("value");
        Assert.Equal(JsonValueKind.String, value.GetProperty("summary").ValueKind);
        Assert.Equal(JsonValueKind.Array, value.GetProperty("key_facts").ValueKind);
        Assert.Equal(JsonValueKind.Array, value.GetProperty("sources").ValueKind);
    }

    [Fact]
    public async Task Run_InvalidSpec_ExitsWith2AndReportsEveryProblemWithItsLocation()
    {
        using var cli = new CliHarness();
        var spec = cli.Write("bad.yaml", """
            name: article
            agents:
              researcher:
                instructions: Research.
              writer:
                instructions: Write.
                reads: [research]
                modle: openai:gpt-4o-mini
            flow:
              sequential: [researcher, writer]
            """);

        var run = await cli.RunAsync("run", spec);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.yaml:7:13: error: agent 'writer' reads output 'research' that no agent writes; did you mean 'researcher'?", run.Error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:8:5: error: Unknown key 'modle' in agent 'writer'; did you mean 'model'?", run.Error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml: 2 problems; nothing was run.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.StorePath));
    }

    [Fact]
    public async Task Run_StepLimitReached_ExitsWith3AndPrintsTheLastOutputAsFallback()
    {
        using var cli = new CliHarness();
        var spec = cli.Write("limited.yaml", """
            task: write something
            limits:
              max_steps: 2
            agents:
              a: { writes: first }
              b: { writes: second }
              c: { writes: third }
            flow:
              sequential: [a, b, c]
            """);

        var run = await cli.RunAsync("run", spec);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("Ended by a guard (StepLimitReached) after 2 steps", run.Out, StringComparison.Ordinal);
        Assert.Contains("Fallback result: the last output 'second' (from b, step 2):", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SupervisorSample_RehearsalRoutesToEachSpecialistThenWaitsForTheTeamLeadWhoseAnswerCompletesIt()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("run", "samples/02-supervisor/support-desk.yaml");
        var runId = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("Run: ", StringComparison.Ordinal)).Split(' ')[1];
        var answer = await cli.RunAsync("answer", runId, "--text", "Refund the double charge and keep the account.", "--as", "lead");

        Assert.True(run.ExitCode == ExitCodes.AwaitingInput, run.ToString());
        Assert.Contains("desk routes to billing", run.Out, StringComparison.Ordinal);
        Assert.Contains("desk routes to tech", run.Out, StringComparison.Ordinal);
        Assert.Contains("desk routes to team_lead", run.Out, StringComparison.Ordinal);
        Assert.Contains("people (the run waits for their answers): team_lead (asks support-leads)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Question for support-leads (team_lead)", run.Out, StringComparison.Ordinal);
        Assert.True(answer.ExitCode == 0, answer.ToString());
        Assert.Contains("desk routes to DONE", answer.Out, StringComparison.Ordinal);
        Assert.Contains("Refund the double charge and keep the account.", answer.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ReviewLoopSample_RehearsalIsApprovedInTheFirstRound()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("run", "samples/03-review-loop/review.yaml");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("editor review round 1: Approved", run.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Final output 'draft' (from writer, step 1):", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TaskOption_OverridesTheSpecsTask()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("run", Sample, "--task", "soil erosion");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("started: article on \"soil erosion\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoTaskAnywhere_ExitsWith2AndSaysHowToGiveOne()
    {
        using var cli = new CliHarness();
        var spec = cli.Write("notask.yaml", "agents:\n  a: {}\nflow: a\n");

        var run = await cli.RunAsync("run", spec);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no task to run: pass --task", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownModelProvider_ExitsWith2WithSuggestion()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("run", Sample, "--model", "antropic:claude");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Did you mean 'anthropic'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownOption_ExitsWith2()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("run", Sample, "--bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStatus.Completed, 0)]
    [InlineData(RunStatus.Failed, 1)]
    [InlineData(RunStatus.Cancelled, 1)]
    [InlineData(RunStatus.StepLimitReached, 3)]
    [InlineData(RunStatus.RoundLimitReached, 3)]
    [InlineData(RunStatus.LoopDetected, 3)]
    [InlineData(RunStatus.BudgetExhausted, 3)]
    [InlineData(RunStatus.DeadlineExceeded, 3)]
    [InlineData(RunStatus.AwaitingInput, 5)]
    public void ExitCodes_ForEachStatus_FollowTheDocumentedTable(RunStatus status, int expected) =>
        Assert.Equal(expected, ExitCodes.For(status));
}
