using Baton.Agents;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;
using Microsoft.Extensions.AI;

namespace Baton.Specs.Tests;

/// <summary>Spec keys that match the API (issue 10), the old keys as deprecated aliases, and the keys of issue 15.</summary>
public sealed class SpecKeysTests
{
    private const string Desk = """
        agents:
          classifier: {}
          billing: {}
          tech: {}
        flow:
          supervisor:
            supervisor: classifier
            specialists: [billing, tech]
            max_steps: 4
        """;

    [Fact]
    public void Parse_SupervisorWithApiNames_HasNoWarnings()
    {
        var result = SpecText.Load(Desk);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Warnings);
        var flow = Assert.IsType<SupervisorFlowSpec>(result.Spec!.Flow);
        Assert.Equal(["billing", "tech"], flow.Specialists.Select(s => s.Name));
        Assert.Equal(4, flow.MaxSteps);
    }

    [Fact]
    public void Parse_SupervisorWithOldNames_IsTheSameSpecWithDeprecationWarnings()
    {
        var result = SpecText.Load(Desk.Replace("specialists:", "workers:", StringComparison.Ordinal).Replace("max_steps:", "max_rounds:", StringComparison.Ordinal));

        Assert.Empty(result.Diagnostics);
        var flow = Assert.IsType<SupervisorFlowSpec>(result.Spec!.Flow);
        Assert.Equal(["billing", "tech"], flow.Specialists.Select(s => s.Name));
        Assert.Equal(4, flow.MaxSteps);
        Assert.Equal(
            [
                "spec.yaml:8:5: 'workers' in a supervisor flow is deprecated; write 'specialists' (the old name still works for now).",
                "spec.yaml:9:5: 'max_rounds' in a supervisor flow is deprecated; write 'max_steps' (the old name still works for now).",
            ],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Parse_OldAndNewNameTogether_IsAnError()
    {
        var errors = SpecText.Errors(Desk + "\n    workers: [billing]\n");

        Assert.Equal(["spec.yaml:10:5: a supervisor flow sets 'specialists' twice ('specialists' at line 8 and 'workers' here); keep one."], errors);
    }

    [Fact]
    public void Parse_ReviewLoopWriterAndOldProducer_BothRead()
    {
        const string Loop = "agents:\n  w: {}\n  r: {}\nflow:\n  review_loop: { writer: w, reviewer: r, max_rounds: 2 }\n";

        var current = SpecText.Load(Loop);
        var old = SpecText.Load(Loop.Replace("writer:", "producer:", StringComparison.Ordinal));

        Assert.Empty(current.Warnings);
        Assert.Equal("w", Assert.IsType<ReviewLoopFlowSpec>(current.Spec!.Flow).Writer.Name);
        Assert.Equal("w", Assert.IsType<ReviewLoopFlowSpec>(old.Spec!.Flow).Writer.Name);
        Assert.Contains("'producer' in a review_loop flow is deprecated; write 'writer'", Assert.Single(old.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspeltOldKey_SuggestsTheNewName()
    {
        var errors = SpecText.Errors(Desk.Replace("specialists:", "workerz:", StringComparison.Ordinal));

        Assert.Contains("spec.yaml:8:5: Unknown key 'workerz' in a supervisor flow; did you mean 'specialists'?", errors);
    }

    [Theory]
    [InlineData("samples/02-supervisor/support-desk.yaml")]
    [InlineData("samples/03-review-loop/review.yaml")]
    [InlineData("samples/01-sequential/pipeline.yaml")]
    public void LoadFile_ShippedSample_UsesNoDeprecatedKey(string path)
    {
        var result = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, path));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Compile_UnsetSettings_TakeTheLibraryDefaults()
    {
        var spec = SpecText.Load(Desk.Replace("\n    max_steps: 4", string.Empty, StringComparison.Ordinal)).Spec!;
        var review = SpecText.Load("agents:\n  w: {}\n  r: {}\nflow:\n  review_loop: { writer: w, reviewer: r }\n").Spec!;

        var supervisor = Assert.IsType<SupervisorOrchestration>(SpecCompiler.Compile(spec, new Resolver()));
        var loop = Assert.IsType<ReviewLoop>(SpecCompiler.Compile(review, new Resolver()));

        var defaultAgent = new Agent("x", new Resolver().Resolve(ModelReference.Rehearsal, spec.Agents[0]));
        Assert.Equal(new SupervisorOptions().MaxSteps, supervisor.Options.MaxSteps);
        Assert.Equal(new ReviewLoopOptions().MaxRounds, loop.Options.MaxRounds);
        Assert.Equal(defaultAgent.MaxReasks, supervisor.SupervisorAgent.MaxReasks);
        Assert.Equal(defaultAgent.MaxOutputTokens, supervisor.SupervisorAgent.MaxOutputTokens);
    }

    [Fact]
    public void Compile_MaxOutputTokens_ReachesTheAgent()
    {
        var spec = SpecText.Load("agents:\n  a: { max_output_tokens: 512 }\nflow: a\n").Spec!;

        Assert.Equal(512, spec.Agents[0].MaxOutputTokens);
        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(spec, new Resolver()));
        Assert.Equal(512, pipeline.Agents.Single().MaxOutputTokens);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("[1]")]
    public void Parse_InvalidMaxOutputTokens_IsALocatedError(string value)
    {
        var error = Assert.Single(SpecText.Errors($"agents:\n  a:\n    max_output_tokens: {value}\nflow: a\n"));

        Assert.StartsWith("spec.yaml:3:24: 'max_output_tokens' of agent 'a' must be a positive whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AttemptTimeout_AgentValueElseRunWideValue()
    {
        var spec = SpecText.Load("""
            limits: { attempt_timeout: 5m }
            agents:
              slow: { attempt_timeout: 20m }
              quick: {}
            flow:
              sequential: [slow, quick]
            """).Spec!;

        Assert.Equal(TimeSpan.FromMinutes(5), spec.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(20), spec.FindAgent("slow")!.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), spec.FindAgent("quick")!.AttemptTimeout);
    }

    [Fact]
    public void Compile_AttemptTimeout_IsWhatTheResolverSees()
    {
        var spec = SpecText.Load("limits: { attempt_timeout: 300s }\nagents:\n  a: {}\n  b: { attempt_timeout: 1h }\nflow:\n  sequential: [a, b]\n").Spec!;
        var resolver = new Resolver();

        SpecCompiler.Compile(spec, resolver);

        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)], resolver.Seen.Select(a => a.AttemptTimeout!.Value));
    }

    [Fact]
    public void Parse_NoAttemptTimeout_LeavesTheResolverDefault()
    {
        Assert.Null(SpecText.Load("agents:\n  a: {}\nflow: a\n").Spec!.Agents[0].AttemptTimeout);
    }

    [Theory]
    [InlineData("limits:\n  attempt_timeout: 25h\nagents:\n  a: {}\nflow: a\n", "spec.yaml:2:20: 'attempt_timeout' is '25h'; write a duration between 1s and 24h such as 90s, 10m or 1h.")]
    [InlineData("limits:\n  attempt_timeout: none\nagents:\n  a: {}\nflow: a\n", "spec.yaml:2:20: 'attempt_timeout' is 'none'; write a duration between 1s and 24h such as 90s, 10m or 1h.")]
    [InlineData("agents:\n  a:\n    attempt_timeout: soon\nflow: a\n", "spec.yaml:3:22: 'attempt_timeout' of agent 'a' is 'soon'; write a duration between 1s and 24h such as 90s, 10m or 1h.")]
    public void Parse_InvalidAttemptTimeout_IsALocatedError(string yaml, string expected)
    {
        Assert.Equal([expected], SpecText.Errors(yaml));
    }

    [Fact]
    public void Parse_SchemaWithUnresolvableRef_IsALocatedError()
    {
        var error = Assert.Single(SpecText.Errors("""
            agents:
              a:
                output:
                  schema:
                    type: object
                    properties:
                      x: { $ref: "#/$defs/missing" }
            flow: a
            """));

        Assert.StartsWith("spec.yaml:5:9: The schema of agent 'a' is not a valid JSON Schema: its $ref '#/$defs/missing' does not resolve", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SchemaWithRemoteRef_IsRejectedAndNeverFetched()
    {
        var error = Assert.Single(SpecText.Errors("agents:\n  a:\n    output:\n      schema: { $ref: \"http://127.0.0.1:9/schema.json\" }\nflow: a\n"));

        Assert.Contains("never fetched from the network", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ type: banana }", "'banana' is not a valid JSON Schema value type")]
    [InlineData("{ type: string, pattern: \"(\" }", "Invalid pattern")]
    [InlineData("{ type: object, requried: [a] }", "Keywords are case-sensitive")]
    public void Parse_InvalidInlineSchema_IsALocatedError(string schema, string expected)
    {
        var error = Assert.Single(SpecText.Errors($"agents:\n  a:\n    output:\n      schema: {schema}\nflow: a\n"));

        Assert.StartsWith("spec.yaml:4:15: The schema of agent 'a' is not a valid JSON Schema: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SchemaWithExtensionKeywords_IsValid()
    {
        var result = SpecText.Load("""
            agents:
              a:
                output:
                  schema:
                    type: object
                    x-ui: { order: 1 }
                    properties:
                      n: { type: integer, x-unit: seconds }
            flow: a
            """);

        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Parse_InvalidSchemaFile_IsLocatedAtTheSchemaKey()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", """{ "type": "object", "properties": { "a": { "$ref": "#/nope" } } }""");

        var error = Assert.Single(SpecText.Errors("agents:\n  a:\n    output:\n      schema: bad.json\nflow: a\n", folder.Path));

        Assert.StartsWith("spec.yaml:4:15: The schema of agent 'a' (file 'bad.json') is not a valid JSON Schema: its $ref '#/nope'", error, StringComparison.Ordinal);
    }

    private sealed class Resolver : IModelResolver
    {
        public List<AgentSpec> Seen { get; } = [];

        public IChatClient Resolve(ModelReference model, AgentSpec agent)
        {
            Seen.Add(agent);
            return new Baton.Testing.ScriptedChatClient();
        }
    }
}
