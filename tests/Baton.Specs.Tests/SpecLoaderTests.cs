using Baton.Agents;

namespace Baton.Specs.Tests;

public sealed class SpecLoaderTests
{
    private const string Valid = """
        name: article
        task: climate change impacts on agriculture
        constraints: [short sentences]
        limits:
          max_steps: 7
          deadline: 90s
          token_budget: 5000
        agents:
          researcher:
            instructions: Research.
            writes: research
            output:
              schema:
                type: object
                required: [summary]
                properties:
                  summary: { type: string }
          writer:
            instructions: Write.
            reads: [research]
            writes: draft
        flow:
          sequential: [researcher, writer]
        """;

    [Fact]
    public void Parse_ValidSpec_ReadsEveryField()
    {
        var result = SpecText.Load(Valid);

        Assert.Empty(result.Diagnostics);
        var spec = Assert.IsType<PipelineSpec>(result.Spec);
        Assert.Equal("article", spec.Name);
        Assert.Equal("climate change impacts on agriculture", spec.Task);
        Assert.Equal(["short sentences"], spec.Constraints);
        Assert.Equal(7, spec.Limits.MaxSteps);
        Assert.Equal(TimeSpan.FromSeconds(90), spec.Limits.Deadline);
        Assert.Equal(5000, spec.Limits.TokenBudget);
        var researcher = spec.FindAgent("researcher")!;
        Assert.Equal(AgentOutputFormat.Json, researcher.Output.Format);
        Assert.Equal("object", researcher.Output.Schema!.Value.GetProperty("type").GetString());
        Assert.Equal(new SourceLocation("spec.yaml", 9, 3), researcher.Location);
        var flow = Assert.IsType<SequentialFlowSpec>(spec.Flow);
        Assert.Equal(["researcher", "writer"], flow.Steps.Cast<AgentFlowSpec>().Select(s => s.Agent));
    }

    [Fact]
    public void Parse_ReadOfUnwrittenOutput_ReportsLineColumnAndSuggestion()
    {
        var errors = SpecText.Errors("""
            name: article
            agents:
              researcher:
                instructions: Research.
              writer:
                instructions: Write.
                reads: [research]
            flow:
              sequential: [researcher, writer]
            """);

        Assert.Equal(["spec.yaml:7:13: agent 'writer' reads output 'research' that no agent writes; did you mean 'researcher'?"], errors);
    }

    [Fact]
    public void Parse_ReadWrittenOnlyLater_SaysToMoveTheWriter()
    {
        var errors = SpecText.Errors("""
            agents:
              writer:
                reads: [research]
              researcher:
                writes: research
            flow:
              sequential: [writer, researcher]
            """);

        Assert.Equal(["spec.yaml:3:13: Agent 'writer' reads output 'research', which is written only later, by 'researcher'; move 'researcher' before 'writer' in the flow."], errors);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllAtOnceInFileOrder()
    {
        var errors = SpecText.Errors("""
            name: article
            limts:
              max_steps: 3
            agents:
              researcher:
                instructions: Research.
                model: openia:gpt-4o
              writer:
                instrutions: Write.
            flow:
              sequential: [researcher, writr]
            """);

        Assert.Equal(
            [
                "spec.yaml:2:1: Unknown key 'limts' in the spec; did you mean 'limits'?",
                "spec.yaml:7:12: The model reference 'openia:gpt-4o' names an unknown provider 'openia'. Did you mean 'openai'? Known providers: anthropic, openai, ollama, gguf, rehearsal.",
                "spec.yaml:8:3: Agent 'writer' is declared but neither the flow nor a fallback uses it; add it to the flow or remove it.",
                "spec.yaml:9:5: Unknown key 'instrutions' in agent 'writer'; did you mean 'instructions'?",
                "spec.yaml:11:28: The flow names agent 'writr', which is not declared under 'agents'; did you mean 'writer'?",
            ],
            errors);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsWhereTheSyntaxBreaks()
    {
        var result = SpecText.Load("agents:\n  writer: [unclosed\nflow: writer\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("spec.yaml:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("The YAML is not valid", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location.Line >= 2);
    }

    [Fact]
    public void Parse_BadLimitValues_ReportEachWithTheFix()
    {
        var errors = SpecText.Errors("""
            limits:
              max_steps: 0
              deadline: soon
            agents:
              a: {}
            flow: a
            """);

        Assert.Equal(
            [
                "spec.yaml:2:14: 'max_steps' must be a positive whole number, not '0'.",
                "spec.yaml:3:13: 'deadline' is 'soon'; write a duration between 1s and 720h such as 90s, 10m or 1h, or 'none' for no limit.",
            ],
            errors);
    }

    [Fact]
    public void Parse_SchemaFileRelativeToSpec_IsRead()
    {
        var folder = Directory.CreateTempSubdirectory("baton-spec-");
        Directory.CreateDirectory(Path.Combine(folder.FullName, "schemas"));
        File.WriteAllText(Path.Combine(folder.FullName, "schemas", "out.json"), """{ "type": "object", "required": ["x"] }""");

        var result = SpecText.Load("agents:\n  a:\n    output:\n      schema: schemas/out.json\nflow: a\n", folder.FullName);

        Assert.Empty(result.Diagnostics);
        var output = result.Spec!.Agents[0].Output;
        Assert.Equal("schemas/out.json", output.SchemaFile);
        Assert.Equal("x", output.Schema!.Value.GetProperty("required")[0].GetString());
        folder.Delete(recursive: true);
    }

    [Fact]
    public void Parse_MissingSchemaFile_PointsAtThePath()
    {
        var errors = SpecText.Errors("agents:\n  a:\n    output:\n      schema: nope.json\nflow: a\n", Path.GetTempPath());

        Assert.Equal(["spec.yaml:4:15: Schema file 'nope.json' of agent 'a' does not exist (paths are relative to the spec file's folder)."], errors);
    }

    [Fact]
    public void Parse_EmptySpec_SaysWhatToDeclare()
    {
        var errors = SpecText.Errors("");

        Assert.Equal(["spec.yaml:1:1: The spec is empty. Declare 'agents:' and a 'flow:' (see samples/01-sequential/pipeline.yaml)."], errors);
    }

    [Fact]
    public void Parse_SupervisorAndReviewFlows_CheckAgentNames()
    {
        var errors = SpecText.Errors("""
            agents:
              classifier: {}
              billing: {}
            flow:
              supervisor:
                supervisor: clasifier
                workers: [billing, tech]
            """);

        Assert.Contains("spec.yaml:6:17: The flow names agent 'clasifier', which is not declared under 'agents'; did you mean 'classifier'?", errors);
        Assert.Contains("spec.yaml:7:24: The flow names agent 'tech', which is not declared under 'agents'; declare it or fix the name.", errors);
    }

    [Theory]
    [InlineData("samples/01-sequential/pipeline.yaml")]
    public void LoadFile_ShippedSample_IsValid(string path)
    {
        var result = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, path));

        Assert.Empty(result.Diagnostics);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void LoadFile_MissingFile_SaysSo()
    {
        var result = SpecLoader.LoadFile("does-not-exist.yaml");

        Assert.Equal("does-not-exist.yaml:1:1: The spec file 'does-not-exist.yaml' does not exist. Check the path (relative paths start at the current folder).", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Parse_FallbackForms_AreReadAndTheFallbackAgentCountsAsUsed()
    {
        var result = SpecText.Load("""
            agents:
              a: { fallback: "openai:gpt-4o-mini" }
              b: { fallback: { agent: c } }
              c: {}
              d: { fallback: { answer: "Sorry, try later." } }
            flow:
              sequential: [a, b, d]
            """);

        Assert.Empty(result.Diagnostics);
        var agents = result.Spec!.Agents;
        Assert.Equal("openai:gpt-4o-mini", agents[0].Fallback!.Model!.ToString());
        Assert.Equal("c", agents[1].Fallback!.Agent!.Value.Name);
        Assert.Equal("Sorry, try later.", agents[3].Fallback!.Answer);
    }

    [Fact]
    public void Parse_FallbackToUnknownOrSelf_IsReported()
    {
        var errors = SpecText.Errors("""
            agents:
              a: { fallback: { agent: a } }
              b: { fallback: { agnt: x } }
            flow:
              sequential: [a, b]
            """);

        Assert.Equal(
            [
                "spec.yaml:2:27: Agent 'a' falls back to itself; name another agent, a model or an answer.",
                "spec.yaml:3:20: Unknown key 'agnt' in 'fallback' of agent 'b'; did you mean 'agent'?",
            ],
            errors);
    }
}
