using Baton.Humans;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;
using Baton.Testing;

namespace Baton.Specs.Tests.Humans;

/// <summary><c>approve:</c> in YAML: an agent's output waits for a person's approval before it is handed on.</summary>
public sealed class ApprovalSpecTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Compile_ApproveTrue_TheStepIsAReviewLoopWithAPersonNamedAfterTheAgent()
    {
        var spec = SpecText.Load("agents:\n  triage: {}\n  writer:\n    writes: reply\n    approve: true\nflow:\n  sequential: [triage, writer]\n").Spec!;

        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(spec, new HumanSpecTests.CountingResolver()));

        var gate = Assert.IsType<ReviewLoop>(pipeline.Steps[1]);
        Assert.Equal("writer", gate.Name);
        Assert.Equal("writer", gate.Writer.Name);
        Assert.Equal("writer_approval", gate.Reviewer.Name);
        Assert.Equal("Approve 'reply' (written by writer) before it is handed on, or reject it with the changes required.", gate.Reviewer.Human!.Question);
        Assert.Null(gate.Reviewer.Human.Timeout);
        Assert.Equal(new ReviewLoopOptions().MaxRounds, gate.Options.MaxRounds);
        Assert.Equal("reply", pipeline.ResultOutput);
    }

    [Fact]
    public void Compile_ApprovedStepWithoutReads_ReadsThePreviousStepAsThePipelineWould()
    {
        var spec = SpecText.Load("agents:\n  a: {}\n  b: {}\n  writer: { approve: true }\nflow:\n  sequential: [a, b, writer]\n").Spec!;

        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(spec, new HumanSpecTests.CountingResolver()));

        Assert.Equal(["b"], Assert.IsType<ReviewLoop>(pipeline.Steps[2]).Writer.Reads!.Value);
    }

    [Fact]
    public void Compile_ApproveBy_TheNamedPersonReviewsWithinTheGivenRounds()
    {
        var spec = SpecText.Load("""
            agents:
              writer:
                reads: []
                approve: { by: lead, max_rounds: 2 }
              lead:
                human: { question: Send it?, assignee: support-leads, timeout: 4h }
            flow: writer
            """).Spec!;

        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(spec, new HumanSpecTests.CountingResolver()));

        var gate = Assert.IsType<ReviewLoop>(Assert.Single(pipeline.Steps));
        Assert.Equal("lead", gate.Reviewer.Name);
        Assert.Equal("support-leads", gate.Reviewer.Human!.Assignee);
        Assert.Equal(2, gate.Options.MaxRounds);
        Assert.Empty(gate.Writer.Reads!.Value);
    }

    [Fact]
    public void Compile_ApprovedSpecialist_TheSupervisorRoutesToItsGateByTheAgentsName()
    {
        var spec = SpecText.Load("""
            agents:
              desk: {}
              billing: {}
              replier:
                description: Writes the reply.
                approve: true
            flow:
              supervisor: { supervisor: desk, specialists: [billing, replier] }
            """).Spec!;

        var desk = Assert.IsType<SupervisorOrchestration>(SpecCompiler.Compile(spec, new HumanSpecTests.CountingResolver()));

        Assert.Equal(["billing", "replier"], desk.Specialists.Select(s => s.Name));
        Assert.IsType<ReviewLoop>(desk.Specialists[1]);
        Assert.Equal("Writes the reply. (a person approves its answer)", desk.Options.Descriptions["replier"]);
    }

    [Fact]
    public void Compile_ApproveFalse_NoGate()
    {
        var spec = SpecText.Load("agents:\n  writer: { approve: false }\nflow: writer\n").Spec!;

        var pipeline = Assert.IsType<SequentialPipeline>(SpecCompiler.Compile(spec, new HumanSpecTests.CountingResolver()));

        Assert.IsType<AgentStep>(Assert.Single(pipeline.Steps));
    }

    [Theory]
    [InlineData("approve: maybe", "spec.yaml:3:14: 'approve' of agent 'writer' is 'maybe'; write 'approve: true' (a person named 'writer_approval' approves), or 'approve: { by: <person>, max_rounds: 3 }'.")]
    [InlineData("approve: { by: lead, max_round: 2 }", "spec.yaml:3:26: Unknown key 'max_round' in 'approve' of agent 'writer'; did you mean 'max_rounds'?")]
    [InlineData("approve: { by: lead, max_rounds: 0 }", "spec.yaml:3:38: 'max_rounds' of agent 'writer' must be a positive whole number, not '0'.")]
    [InlineData("approve: { timeout: 4h }", "spec.yaml:3:16: Unknown key 'timeout' in 'approve' of agent 'writer'; declare the person who approves as an agent with 'human: { question: ..., assignee: ..., timeout: ... }' and name it in 'by:'.")]
    [InlineData("approve: { by: leed }", "spec.yaml:3:20: The flow names agent 'leed', which is not declared under 'agents'; did you mean 'lead'?")]
    [InlineData("approve: { by: writer }", "spec.yaml:3:20: Agent 'writer' cannot approve its own output; name another person in 'by:'.")]
    [InlineData("approve: { by: \"\" }", "spec.yaml:3:20: 'by' of agent 'writer' is empty; name the person (an agent with 'human:') who approves, or leave 'by' out for 'writer_approval'.")]
    [InlineData("approve: { by: editor }", "spec.yaml:3:20: 'approve' of agent 'writer' names 'editor', a model agent; an approval is given by a person. Give 'editor' a 'human: { question: ... }' block, or use a 'review_loop' flow for a model reviewer.")]
    [InlineData("by: lead", "spec.yaml:3:5: Unknown key 'by' in agent 'writer'; who approves belongs in 'approve:', for example 'approve: { by: lead }'.")]
    public void Parse_BadApproval_IsALocatedErrorWithTheFix(string line, string expected)
    {
        var errors = SpecText.Errors($"agents:\n  writer:\n    {line}\n  lead:\n    human: {{ question: Send it? }}\n  editor: {{}}\nflow:\n  sequential: [writer, lead, editor]\n");

        Assert.Equal([expected], errors);
    }

    [Theory]
    [InlineData("flow:\n  supervisor: { supervisor: writer, specialists: [other] }\n", "spec.yaml:6:29: Agent 'writer' has 'approve:', but a supervisor's routing decisions are not outputs to approve. Put 'approve:' on the specialists whose output needs a person's approval.")]
    [InlineData("flow:\n  review_loop: { writer: writer, reviewer: other }\n", "spec.yaml:6:26: Agent 'writer' has 'approve:' but is the writer of a review loop, which is reviewed already: make the person the loop's 'reviewer' instead of using 'approve:'.")]
    [InlineData("flow:\n  review_loop: { writer: other, reviewer: writer }\n", "spec.yaml:6:43: Agent 'writer' has 'approve:' but is the reviewer of a review loop, whose verdict is no output to approve.")]
    public void Parse_ApprovalWhereNoGateCanStand_IsALocatedError(string flow, string expected)
    {
        var errors = SpecText.Errors("agents:\n  writer:\n    approve: true\n  other: {}\n" + flow);

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Parse_FallbackToAnApprovedAgent_IsALocatedError()
    {
        var errors = SpecText.Errors("agents:\n  a:\n    fallback: { agent: b }\n  b: { approve: true }\nflow:\n  sequential: [a, b]\n");

        Assert.Equal(["spec.yaml:3:24: Agent 'a' falls back to 'b', which has 'approve:'; a fallback's answer is recorded as it is, so no approval could be asked. Remove 'approve:' from 'b' or fall back to another agent."], errors);
    }

    [Fact]
    public void Parse_DefaultApproverNameTaken_IsALocatedError()
    {
        var errors = SpecText.Errors("agents:\n  writer:\n    approve: true\n  writer_approval: {}\nflow:\n  sequential: [writer, writer_approval]\n");

        Assert.Equal(["spec.yaml:3:14: 'approve: true' on agent 'writer' asks a person named 'writer_approval', but an agent of that name is declared. Name the person who approves: 'approve: { by: writer_approval }'."], errors);
    }

    [Fact]
    public void Parse_ApprovedAgentAtTwoStepsAfterDifferentOutputs_IsALocatedError()
    {
        var errors = SpecText.Errors("agents:\n  a: {}\n  b: {}\n  writer: { approve: true }\nflow:\n  sequential: [a, writer, b, writer]\n");

        Assert.Equal(["spec.yaml:6:30: Agent 'writer' has 'approve:' and no 'reads:', and stands at two places that follow different outputs; say what it reads with 'reads: [...]'."], errors);
    }

    [Fact]
    public async Task Run_ApprovalSample_RejectSendsTheDraftBackAndApprovalCompletesTheRun()
    {
        var loaded = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "samples/04-approval-gate/approval.yaml"));
        Assert.Empty(loaded.Diagnostics);
        var drafts = 0;
        var resolver = new HumanSpecTests.CountingResolver
        {
            Clients = name => name == "writer"
                ? new ScriptedChatClient(_ => $"Draft {++drafts}.")
                : new ScriptedChatClient(_ => "Sam was charged twice and wants a refund."),
        };
        var pipeline = SpecCompiler.Compile(loaded.Spec!, resolver);
        var runner = new HandoffRunner();

        var waiting = await runner.RunAsync(pipeline, loaded.Spec!.Task!, Ct);
        var rejected = await runner.ProvideInputAsync(pipeline, waiting.RunId, HumanAnswer.Reject("Say the amount."), "lead", Ct);
        var approved = await runner.ProvideInputAsync(pipeline, waiting.RunId, HumanAnswer.Approve(), "lead", Ct);

        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        Assert.Equal(RunStatus.AwaitingInput, rejected.Run.Status);
        Assert.True(approved.IsAccepted, approved.ToString());
        Assert.Equal(RunStatus.Completed, approved.Run.Status);
        Assert.Equal("Draft 2.", approved.Run.FinalText);
        Assert.Equal(["triage", "writer"], resolver.Asked);
    }
}
