namespace Baton.Cli.Tests.Humans;

/// <summary>A YAML spec with a person in the middle: triage (a model), a team lead (a person, held to a JSON contract, 4 hours), then a reply.</summary>
internal static class DeskSpec
{
    public const string File = "desk.yaml";

    public const string Yaml = """
        name: desk
        task: Customer charged twice threatens to cancel.
        agents:
          triage:
            instructions: Summarise the case in two sentences.
          lead:
            human:
              question: Decide the resolution for this escalated case.
              assignee: support-leads
              timeout: 4h
            reads: [triage]
            writes: resolution
            output:
              schema:
                type: object
                required: [action]
                properties:
                  action: { type: string, enum: [refund, decline] }
            fallback: { answer: '{"action": "decline"}' }
          reply:
            instructions: Write the reply to the customer from the resolution.
            reads: [resolution]
        flow:
          sequential: [triage, lead, reply]
        """;

    public static string WriteTo(CliHarness cli) => cli.Write(File, Yaml);

    /// <summary>Runs the spec with <c>baton run --json</c>, which must stop to wait for the lead, and returns the run id.</summary>
    public static async Task<string> StartAsync(CliHarness cli)
    {
        WriteTo(cli);
        var run = await cli.RunAsync("run", File, "--json");
        Assert.True(run.ExitCode == ExitCodes.AwaitingInput, run.ToString());
        return System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!;
    }
}
