using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.AI;

namespace Baton.Specs.Tests;

public sealed class SpecCompilerTests
{
    [Fact]
    public void Compile_SequentialSpec_BuildsAgentsWithReadsWritesAndSchema()
    {
        var spec = SpecText.Load("""
            name: article
            agents:
              researcher:
                instructions: Research.
                writes: research
                output:
                  schema: { type: object, required: [summary], properties: { summary: { type: string } } }
              writer:
                instructions: Write.
                reads: [research]
                writes: draft
            flow:
              sequential: [researcher, writer]
            """).Spec!;
        var resolver = new RecordingResolver();

        var orchestration = SpecCompiler.Compile(spec, resolver);

        var pipeline = Assert.IsType<SequentialPipeline>(orchestration);
        Assert.Equal("article", pipeline.Name);
        var agents = pipeline.Agents.ToList();
        Assert.Equal(["researcher", "writer"], agents.Select(a => a.Name));
        Assert.Equal(AgentOutputFormat.Json, agents[0].OutputFormat);
        Assert.Equal("summary", agents[0].Contract!.Schema.GetProperty("required")[0].GetString());
        Assert.Equal("research", agents[0].Contract!.Name);
        Assert.Equal(["research"], agents[1].Reads!.Value);
        Assert.Equal("draft", agents[1].OutputName);
        Assert.Equal(["rehearsal", "rehearsal"], resolver.Resolved.Select(r => r.ToString()));
    }

    [Fact]
    public void Compile_ModelPrecedence_OverrideThenAgentThenSpecThenDefault()
    {
        var spec = SpecText.Load("""
            model: openai:gpt-4o-mini
            agents:
              a: { model: "ollama:llama3" }
              b: {}
            flow:
              sequential: [a, b]
            """).Spec!;

        Assert.Equal("ollama:llama3", SpecCompiler.ModelFor(spec, spec.Agents[0]).ToString());
        Assert.Equal("openai:gpt-4o-mini", SpecCompiler.ModelFor(spec, spec.Agents[1]).ToString());
        var forced = new SpecCompileOptions { ModelOverride = ModelReference.Rehearsal };
        Assert.Equal("rehearsal", SpecCompiler.ModelFor(spec, spec.Agents[0], forced).ToString());
    }

    [Fact]
    public void Compile_NestedSequentialFlow_NamesTheInnerPipeline()
    {
        var spec = SpecText.Load("""
            name: outer
            agents:
              a: {}
              b: {}
              c: {}
            flow:
              sequential:
                - a
                - sequential: { name: inner, steps: [b, c] }
            """).Spec!;

        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(spec, new RecordingResolver()));

        Assert.Equal("inner", Assert.IsType<SequentialPipeline>(pipeline.Steps[1]).Name);
        Assert.Equal(["a", "b", "c"], pipeline.Agents.Select(a => a.Name));
    }

    [Fact]
    public async Task Compile_AgentWithFallback_FailedPrimaryIsServedByTheFallbackAndJournaled()
    {
        var spec = SpecText.Load("""
            task: write
            agents:
              writer:
                model: openai:gpt-4o-mini
                fallback: ollama:llama3
            flow: writer
            """).Spec!;
        var resolver = new RecordingResolver
        {
            Clients =
            {
                ["openai:gpt-4o-mini"] = new ScriptedChatClient().ThenThrow(new HttpRequestException("503 from provider")),
                ["ollama:llama3"] = new ScriptedChatClient("a draft from the fallback"),
            },
        };
        var orchestration = SpecCompiler.Compile(spec, resolver);

        var result = await new HandoffRunner().RunAsync(orchestration, "write", TestContext.Current.CancellationToken);

        Assert.True(result.IsCompleted, result.Reason);
        Assert.Equal("a draft from the fallback", result.FinalText);
        Assert.Equal("fallback:ollama:llama3", result.Journal.OfType<AgentAnswered>().Single().ServedBy.Value);
        Assert.Equal("fallback:ollama:llama3", result.FinalOutput!.Via.Value);
    }

    [Fact]
    public async Task Compile_AgentFallbackToAgent_HandsTheStepOver()
    {
        var spec = SpecText.Load("""
            agents:
              writer: { fallback: { agent: backup }, max_reasks: 0 }
              backup: {}
            flow: writer
            """).Spec!;
        var resolver = new RecordingResolver();
        var orchestration = SpecCompiler.Compile(spec, new FailingFor("writer", resolver));

        var result = await new HandoffRunner().RunAsync(orchestration, "write", TestContext.Current.CancellationToken);

        Assert.True(result.IsCompleted, result.Reason);
        Assert.Equal("fallback:agent:backup", result.FinalOutput!.Via.Value);
    }

    [Theory]
    [InlineData("samples/02-supervisor/support-desk.yaml", typeof(Baton.Orchestration.Supervisor.SupervisorOrchestration))]
    [InlineData("samples/03-review-loop/review.yaml", typeof(Baton.Orchestration.Review.ReviewLoop))]
    public void Compile_ShippedSample_BuildsItsOrchestration(string path, Type expected)
    {
        var result = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, path));

        Assert.Empty(result.Diagnostics);
        Assert.IsType(expected, SpecCompiler.Compile(result.Spec!, new RecordingResolver()));
    }

    private sealed class FailingFor(string agent, IModelResolver inner) : IModelResolver
    {
        public IChatClient Resolve(ModelReference model, AgentSpec agentSpec) =>
            agentSpec.Name == agent ? new ScriptedChatClient().ThenThrow(new HttpRequestException("down")) : inner.Resolve(model, agentSpec);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("45", 45)]
    public void Parse_Deadline_AcceptsDurations(string text, int seconds)
    {
        var spec = SpecText.Load($"limits: {{ deadline: {text} }}\nagents:\n  a: {{}}\nflow: a\n").Spec!;

        Assert.Equal(TimeSpan.FromSeconds(seconds), spec.Limits.Deadline);
    }

    [Fact]
    public void Parse_DeadlineNone_MeansNoDeadline()
    {
        var spec = SpecText.Load("limits: { deadline: none }\nagents:\n  a: {}\nflow: a\n").Spec!;

        Assert.Null(spec.Limits.Deadline);
    }

    private sealed class RecordingResolver : IModelResolver
    {
        public List<ModelReference> Resolved { get; } = [];

        public Dictionary<string, IChatClient> Clients { get; } = [];

        public IChatClient Resolve(ModelReference model, AgentSpec agent)
        {
            Resolved.Add(model);
            return Clients.TryGetValue(model.ToString(), out var client) ? client : new ScriptedChatClient("ok");
        }
    }
}
