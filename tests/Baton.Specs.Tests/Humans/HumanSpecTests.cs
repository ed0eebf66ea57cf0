using Baton.Agents;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;
using Baton.Testing;
using Microsoft.Extensions.AI;

namespace Baton.Specs.Tests.Humans;

/// <summary><c>human:</c> agents in YAML: read into the spec, compiled to agents a person answers, and every mistake located.</summary>
public sealed class HumanSpecTests
{
    private const string Desk = """
        agents:
          triage:
            instructions: Summarise the case.
          lead:
            human:
              question: Decide the resolution for this escalated case.
              assignee: support-leads
              timeout: 4h
            description: A support team lead.
            reads: [triage]
            writes: resolution
            output:
              schema: { type: object, required: [action], properties: { action: { enum: [refund, decline] } } }
            fallback: { answer: "{\"action\": \"decline\"}" }
        flow:
          sequential: [triage, lead]
        """;

    [Fact]
    public void Parse_HumanAgent_ReadsTheQuestionWhoIsAskedAndTheTimeout()
    {
        var result = SpecText.Load(Desk);

        Assert.Empty(result.Diagnostics);
        var lead = result.Spec!.FindAgent("lead")!;
        Assert.Equal("Decide the resolution for this escalated case.", lead.Human!.Question);
        Assert.Equal("support-leads", lead.Human.Assignee);
        Assert.Equal(TimeSpan.FromHours(4), lead.Human.Timeout);
        Assert.Equal(new SourceLocation("spec.yaml", 5, 5), lead.Human.Location);
        Assert.Null(result.Spec.FindAgent("triage")!.Human);
    }

    [Fact]
    public void Compile_HumanAgent_IsAnAgentAPersonAnswersWithTheAgentsContractAndFallback()
    {
        var resolver = new CountingResolver();

        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(SpecText.Load(Desk).Spec!, resolver));

        var lead = pipeline.Agents.Single(a => a.Name == "lead");
        Assert.Equal("Decide the resolution for this escalated case.", lead.Human!.Question);
        Assert.Equal("support-leads", lead.Human.Assignee);
        Assert.Equal(TimeSpan.FromHours(4), lead.Human.Timeout);
        Assert.Equal(["triage"], lead.Reads!.Value);
        Assert.Equal("resolution", lead.OutputName);
        Assert.NotNull(lead.Contract);
        Assert.Equal(FallbackKind.FixedAnswer, lead.Fallback!.Kind);
        Assert.Equal(["triage"], resolver.Asked);
    }

    [Fact]
    public void Compile_FixedAnswerForAJsonOutput_IsTheJsonValueItHolds()
    {
        var pipeline = SpecCompiler.Compile(SpecText.Load(Desk).Spec!, new CountingResolver());

        var answer = pipeline.Agents.Single(a => a.Name == "lead").Fallback!.Answer!.Value;
        Assert.Equal("decline", answer.GetProperty("action").GetString());
    }

    [Fact]
    public void Parse_FixedAnswerThatBreaksTheContract_IsALocatedError()
    {
        var errors = SpecText.Errors(Desk.Replace("decline\\\"}", "maybe\\\"}", StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.StartsWith("spec.yaml:14:15: The fixed answer of agent 'lead' does not satisfy its output contract: /action: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HumanStep_WaitsAndTheAnswerCompletesTheRun()
    {
        var pipeline = SpecCompiler.Compile(SpecText.Load(Desk).Spec!, new CountingResolver());
        var runner = new HandoffRunner();
        var ct = TestContext.Current.CancellationToken;

        var waiting = await runner.RunAsync(pipeline, "Customer charged twice.", ct);
        var answered = await runner.ProvideInputAsync(pipeline, waiting.RunId, Baton.Humans.HumanAnswer.FromText("""{"action": "refund"}"""), "alice", ct);

        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        Assert.True(answered.IsAccepted, answered.ToString());
        Assert.Equal(RunStatus.Completed, answered.Run.Status);
        Assert.Equal("refund", answered.Run.FinalOutput!.Value.GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("instructions: Decide.", "'instructions' does not apply: a person gets no system prompt")]
    [InlineData("model: openai:gpt-4o", "'model' does not apply: a person's turn never calls a model.")]
    [InlineData("max_reasks: 2", "'max_reasks' does not apply: a person's answer is checked when it is given")]
    [InlineData("context_budget: 100", "'context_budget' does not apply: a person's view is never compressed.")]
    [InlineData("max_output_tokens: 100", "'max_output_tokens' does not apply")]
    [InlineData("attempt_timeout: 1m", "'attempt_timeout' does not apply: a person's turn never calls a model; how long they may take is 'human: { timeout: ... }'.")]
    public void Parse_ModelSettingOnAPerson_IsALocatedError(string line, string expected)
    {
        var error = Assert.Single(SpecText.Errors($"agents:\n  lead:\n    human: {{ question: Approve? }}\n    {line}\nflow: lead\n"));

        Assert.StartsWith("spec.yaml:4:5: Agent 'lead' is answered by a person ('human:'), so ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fallback: openai:gpt-4o-mini", 15)]
    [InlineData("fallback: { model: openai:gpt-4o-mini }", 24)]
    public void Parse_FallbackModelOnAPerson_IsALocatedError(string line, int column)
    {
        var error = Assert.Single(SpecText.Errors($"agents:\n  lead:\n    human: {{ question: Approve? }}\n    {line}\nflow: lead\n"));

        Assert.Equal($"spec.yaml:4:{column}: Agent 'lead' is answered by a person ('human:'), whose turn calls no model, so a fallback model never applies. Use 'fallback: {{ agent: <name> }}' (another agent or person) or 'fallback: {{ answer: <text> }}' for when nobody answers in time.", error);
    }

    [Theory]
    [InlineData("human: { questoin: Approve? }", "spec.yaml:3:14: Unknown key 'questoin' in 'human' of agent 'lead'; did you mean 'question'?")]
    [InlineData("human: { question: Approve?, reads: [a] }", "spec.yaml:3:34: Unknown key 'reads' in 'human' of agent 'lead'; 'reads' belongs to the agent, beside 'human:' (a person reads outputs like any agent).")]
    [InlineData("question: Approve?", "spec.yaml:3:5: Unknown key 'question' in agent 'lead'; a person's question belongs in the agent's 'human:' block, for example 'human: { question: Approve the refund?, timeout: 4h }'.")]
    [InlineData("timeout: 4h", "spec.yaml:3:5: Unknown key 'timeout' in agent 'lead'; how long a person may take belongs in the agent's 'human:' block ('human: { question: ..., timeout: 4h }'); a model call's limit is 'attempt_timeout'.")]
    [InlineData("human: Approve?", "spec.yaml:3:12: 'human' of agent 'lead' must be a mapping of keys (question, assignee, timeout), not 'Approve?'.")]
    [InlineData("human: {}", "spec.yaml:3:12: 'human' of agent 'lead' needs 'question:', what the person is asked, for example 'human: { question: Approve the refund?, timeout: 4h }'.")]
    [InlineData("human: { question: '  ' }", "spec.yaml:3:24: 'question' of agent 'lead' is empty; write what the person is asked, for example 'Decide the resolution for this case.'")]
    [InlineData("human: { question: Approve?, timeout: 721h }", "spec.yaml:3:43: 'timeout' of agent 'lead' is '721h'; write a duration between 1s and 720h such as 90s, 10m or 1h, or 'none' for no limit.")]
    [InlineData("human: { question: Approve?, timeout: 0s }", "spec.yaml:3:43: 'timeout' of agent 'lead' is '0s'; write a duration between 1s and 720h such as 90s, 10m or 1h, or 'none' for no limit.")]
    [InlineData("human: { question: Approve?, assignee: \"a\\u0007b\" }", "spec.yaml:3:44: 'assignee' of agent 'lead' must name who is asked (a person, a group or a queue) in 1 to 200 characters without control characters.")]
    public void Parse_BadHumanBlock_IsALocatedErrorWithTheFix(string line, string expected)
    {
        Assert.Equal([expected], SpecText.Errors($"agents:\n  lead:\n    {line}\nflow: lead\n"));
    }

    [Fact]
    public void Parse_TimeoutNone_WaitsUntilAnswered()
    {
        var lead = SpecText.Load("agents:\n  lead:\n    human: { question: Approve?, timeout: none }\nflow: lead\n").Spec!.Agents[0];

        Assert.Null(lead.Human!.Timeout);
    }

    [Fact]
    public void Parse_PersonAsSupervisor_IsALocatedErrorAtTheSupervisor()
    {
        var errors = SpecText.Errors("""
            agents:
              boss:
                human: { question: Who should handle it? }
              billing: {}
            flow:
              supervisor: { supervisor: boss, specialists: [billing] }
            """);

        Assert.Equal(["spec.yaml:6:29: Agent 'boss' is answered by a person ('human:'), but a supervisor's routing decisions are made by a model agent. Make the person one of the 'specialists' the supervisor routes to."], errors);
    }

    [Fact]
    public void Compile_PersonWhereverAnAgentStands_BuildsEachPlace()
    {
        var result = SpecText.Load("""
            agents:
              desk: {}
              billing:
                fallback: { agent: on_call }
              lead:
                human: { question: Resolve the case. }
              writer: {}
              editor:
                human: { question: Approve the draft? }
              on_call:
                human: { question: Billing is down; answer the customer. }
            flow:
              sequential:
                - lead
                - supervisor: { supervisor: desk, specialists: [billing, lead] }
                - review_loop: { writer: writer, reviewer: editor }
            """);

        Assert.Empty(result.Diagnostics);
        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(result.Spec!, new CountingResolver()));
        Assert.NotNull(Assert.IsType<SupervisorOrchestration>(pipeline.Steps[1]).Specialists.OfType<AgentStep>().Single(s => s.Name == "lead").Agent.Human);
        Assert.NotNull(Assert.IsType<ReviewLoop>(pipeline.Steps[2]).Reviewer.Human);
        Assert.NotNull(pipeline.Agents.Single(a => a.Name == "billing").Fallback!.Agent!.Human);
    }

    [Fact]
    public void LoadFile_SupportDeskSample_RoutesHardCasesToATeamLeadWhoFallsBackToEscalation()
    {
        var result = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "samples/02-supervisor/support-desk.yaml"));

        Assert.Empty(result.Diagnostics);
        var desk = Assert.IsType<SupervisorOrchestration>(SpecCompiler.Compile(result.Spec!, new CountingResolver()));
        var lead = desk.Specialists.OfType<AgentStep>().Single(s => s.Name == "team_lead").Agent;
        Assert.Equal("support-leads", lead.Human!.Assignee);
        Assert.Equal(TimeSpan.FromHours(4), lead.Human.Timeout);
        Assert.Equal("escalation", lead.Fallback!.Agent!.Name);
    }

    /// <summary>Counts which agents the compiler asked a model for.</summary>
    internal sealed class CountingResolver : IModelResolver
    {
        public List<string> Asked { get; } = [];

        public Func<string, IChatClient>? Clients { get; init; }

        public IChatClient Resolve(ModelReference model, AgentSpec agent)
        {
            Asked.Add(agent.Name);
            return Clients?.Invoke(agent.Name) ?? new ScriptedChatClient(_ => "A summary of the case.");
        }
    }
}
