using System.CommandLine;
using Baton.Agents;
using Baton.Cli.Models;
using Baton.Orchestration;
using Baton.Testing;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton test spec.yaml --fixtures dir/</c>: tests one handoff of a spec in isolation. Only the agent under test
/// runs, once per fixture of what the previous agent produces; each fixture gets one report line.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The pipeline spec (YAML)." };
        var fixtures = new Option<string>("--fixtures")
        {
            Description = "The folder of *.json fixtures: what the previous agent produces (format: docs/testing-handoffs.md).",
            Required = true,
        };
        var agent = new Option<string?>("--agent") { Description = "The agent under test. Default: the one agent that reads the fixtures' outputs." };
        var edgeCases = new Option<bool>("--edge-cases") { Description = "Also run generated edge cases of every fixture: broken JSON, wrong types, missing fields, empty context, oversized output, Unicode, injections." };
        var seed = new Option<int>("--seed") { Description = "The seed of the generated edge cases (the same seed gives the same cases).", DefaultValueFactory = _ => 0 };
        var model = CliOptions.Model();
        var json = CliOptions.Json();
        var command = new Command("test", "Test one handoff in isolation: run only the receiving agent on fixtures of what the previous agent produces, and check its output against its contract and each fixture's expectations. Exit codes: 0 all passed, 1 a fixture failed, 2 invalid input.")
        {
            spec, fixtures, agent, edgeCases, seed, model, json,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            console,
            new TestRequest(parse.GetValue(spec)!, parse.GetValue(fixtures)!, parse.GetValue(agent), parse.GetValue(edgeCases), parse.GetValue(seed), parse.GetValue(model), parse.GetValue(json)),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliConsole console, TestRequest request, CancellationToken cancellationToken)
    {
        var spec = await CommandSupport.LoadSpecAsync(request.Spec, console).ConfigureAwait(false);
        var (modelOk, modelOverride) = await CommandSupport.ParseModelAsync(request.Model, console).ConfigureAwait(false);
        if (spec is null || !modelOk)
        {
            return ExitCodes.InvalidInput;
        }

        IReadOnlyList<HandoffFixture> fixtures;
        try
        {
            fixtures = HandoffFixtures.LoadDirectory(console.FullPath(request.Fixtures));
        }
        catch (HandoffFixtureException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var resolver = new CliModelResolver(console);
        var plan = ModelPlan.Create(spec, modelOverride, resolver);
        var orchestration = await RunCommand.CompileAsync(spec, resolver, plan, console).ConfigureAwait(false);
        if (orchestration is null)
        {
            return ExitCodes.InvalidInput;
        }

        var agents = orchestration.Agents.DistinctBy(a => a.Name).ToList();
        var target = await ChooseAgentAsync(agents, fixtures, request.Agent, spec.FilePath, console).ConfigureAwait(false);
        if (target is null)
        {
            return ExitCodes.InvalidInput;
        }

        var cases = request.EdgeCases ? [.. fixtures, .. EdgeCases(fixtures, agents, request.Seed)] : fixtures;
        await plan.PrintAsync(request.Json ? console.Error : console.Out).ConfigureAwait(false);
        var runner = new HandoffTestRunner(new HandoffTestOptions { TimeProvider = console.TimeProvider, Limits = spec.Limits });
        var report = await runner.RunAsync(new HandoffTest(target), cases, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync(request.Json ? report.ToJson() : report.ToText()).ConfigureAwait(false);
        return report.Passed ? ExitCodes.Completed : ExitCodes.Failed;
    }

    private static async Task<Agent?> ChooseAgentAsync(List<Agent> agents, IReadOnlyList<HandoffFixture> fixtures, string? name, string specFile, CliConsole console)
    {
        if (name is not null)
        {
            if (agents.FirstOrDefault(a => a.Name == name) is { } named)
            {
                return named;
            }

            var guess = NameSuggestions.DidYouMean(name, agents.Select(a => a.Name));
            await console.Error.WriteLineAsync(
                $"error: --agent: {specFile} has no agent '{name}'{(guess is null ? string.Empty : $"; did you mean '{guess}'")}. Its agents: {string.Join(", ", agents.Select(a => a.Name))}.").ConfigureAwait(false);
            return null;
        }

        var provided = fixtures.SelectMany(f => f.Outputs.Keys).ToHashSet(StringComparer.Ordinal);
        var readers = agents.Where(a => a.Reads is { Length: > 0 } reads && reads.All(provided.Contains)).ToList();
        if (readers.Count == 1)
        {
            return readers[0];
        }

        var why = readers.Count == 0
            ? $"no agent of {specFile} reads only the fixtures' outputs ({string.Join(", ", provided.Order(StringComparer.Ordinal))})"
            : $"several agents read the fixtures' outputs ({string.Join(", ", readers.Select(a => a.Name))})";
        await console.Error.WriteLineAsync($"error: {why}: pass --agent <name> to choose the agent under test (one of: {string.Join(", ", agents.Select(a => a.Name))}).").ConfigureAwait(false);
        return null;
    }

    private static IEnumerable<HandoffFixture> EdgeCases(IReadOnlyList<HandoffFixture> fixtures, List<Agent> agents, int seed)
    {
        var generator = new EdgeCaseGenerator(seed);
        foreach (var fixture in fixtures)
        {
            // The upstream agent's contract says which of its fields are optional.
            var upstream = agents.FirstOrDefault(a => fixture.Outputs.Count == 1 && a.OutputName == fixture.Outputs.Keys.First());
            var options = new EdgeCaseOptions { UpstreamSchema = upstream?.Contract?.Schema };
            foreach (var generated in generator.Generate(fixture, options))
            {
                yield return generated;
            }
        }
    }

    private sealed record TestRequest(string Spec, string Fixtures, string? Agent, bool EdgeCases, int Seed, string? Model, bool Json);
}
