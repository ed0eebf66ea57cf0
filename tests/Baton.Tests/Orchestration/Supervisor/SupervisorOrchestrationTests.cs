using Baton.Agents;
using Baton.Context;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Supervisor;
using Baton.Testing;
using Microsoft.Extensions.Time.Testing;
using static Baton.Tests.Orchestration.Supervisor.SupportDesk;

namespace Baton.Tests.Orchestration.Supervisor;

public class SupervisorOrchestrationTests
{
    private static readonly HandoffContext s_ticket = HandoffContext.Create(SupportDesk.Task, SupportDesk.Intent, ["Never promise a refund date."]);

    [Fact]
    public async Task RunAsync_RoutesUntilDone_ResultIsLastSpecialistOutput()
    {
        var client = Scripted(
            ("dispatcher", [Route("billing", "Refund the duplicate May charge."), Route("tech", "Reset the login."), Route("DONE")]),
            ("billing", ["Duplicate charge of 40 EUR refunded."]),
            ("tech", ["Password reset link sent; access restored."]));

        var result = await new HandoffRunner().RunAsync(Create(client), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("Password reset link sent; access restored.", result.FinalText);
        Assert.Equal("desk", result.FinalOutput!.Name);
        var decisions = result.Journal.OfType<RoutingDecided>().ToList();
        Assert.Equal(["billing", "tech", "DONE"], decisions.Select(d => d.NextAgent));
        Assert.Equal([1, 3, 5], decisions.Select(d => d.Step));
        Assert.Equal([0, 1, 2], decisions.Select(d => d.RoutedSteps));
        Assert.All(decisions, d => Assert.Equal("because", d.Reasoning));
        Assert.All(decisions, d => Assert.NotEqual(default, d.Timestamp));
        Assert.All(decisions, d => Assert.Equal("dispatcher", d.Agent));
    }

    [Fact]
    public async Task RunAsync_ContextLoss_SpecialistSeesOriginalTaskIntentAndSupervisorContext()
    {
        var client = Scripted(
            ("dispatcher", [Route("billing", "Only the May invoice is affected."), Route("DONE")]),
            ("billing", ["Refunded."]));

        await new HandoffRunner().RunAsync(Create(client), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        var billingPrompt = client.Requests.Single(r => r.Role == "billing").LastUserText;
        Assert.Contains("## Task\n" + SupportDesk.Task, billingPrompt, StringComparison.Ordinal);
        Assert.Contains("## Intent\n" + SupportDesk.Intent, billingPrompt, StringComparison.Ordinal);
        Assert.Contains("- Never promise a refund date.", billingPrompt, StringComparison.Ordinal);
        Assert.Contains("## Instructions for this turn\nOnly the May invoice is affected.", billingPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SupervisorPrompt_ListsNamesWithDescriptionsAndClippedStepSummaries()
    {
        var longAnswer = new string('x', 1000);
        var client = Scripted(
            ("dispatcher", [Route("billing", "check"), Route("DONE")]),
            ("billing", [longAnswer]));

        await new HandoffRunner().RunAsync(Create(client, new SupervisorOptions { MaxOutputPreviewChars = 50 }), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        var first = client.Requests[0].LastUserText;
        var second = client.Requests[2].LastUserText;
        Assert.Contains("- billing: Invoices, refunds and charges.", first, StringComparison.Ordinal);
        Assert.Contains("- escalation: Angry customers", first, StringComparison.Ordinal);
        Assert.Contains("None yet", first, StringComparison.Ordinal);
        Assert.Contains("## Completed steps\n", second, StringComparison.Ordinal);
        Assert.Contains("2. billing: wrote 'billing': " + new string('x', 50) + "… (950 more characters) (asked: check)", second, StringComparison.Ordinal);
        Assert.DoesNotContain(longAnswer, second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnusableDecision_ReasksWithErrorAndAllowedNamesThenRoutes()
    {
        var client = Scripted(
            ("dispatcher", ["I think billing should take this.", Route("bill", "x"), Route("billing", "refund"), Route("DONE")]),
            ("billing", ["Refunded."]));

        var result = await new HandoffRunner().RunAsync(Create(client), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        var attempts = result.Journal.OfType<RoutingDecided>().Where(d => d.Step == 1).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Contains("no valid JSON object", attempts[0].ParseError, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'billing'?", attempts[1].ParseError, StringComparison.Ordinal);
        Assert.Null(attempts[2].ParseError);
        var reask = client.Requests[1];
        Assert.Equal("I think billing should take this.", reask.Messages[^2].Text);
        Assert.Contains("could not be used (attempt 1 of 3)", reask.LastUserText, StringComparison.Ordinal);
        Assert.Contains("billing, tech, escalation, DONE", reask.LastUserText, StringComparison.Ordinal);
        Assert.Equal(3, result.Steps); // re-asks do not count as steps
    }

    [Fact]
    public async Task RunAsync_NoUsableDecisionAfterReasks_FailsWithDeclaredFallback()
    {
        var client = Scripted(("dispatcher", ["nope", "still nope"]));
        var options = new SupervisorOptions { MaxDecisionReasks = 1, OnInvalidDecision = Fallback.FixedAnswer("A human agent will contact you.") };

        var result = await new HandoffRunner().RunAsync(Create(client, options), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(2, client.CallCount);
        Assert.Contains("no usable routing decision in 2 attempts", result.Reason, StringComparison.Ordinal);
        Assert.Equal("A human agent will contact you.", result.FinalText);
        var guard = Assert.Single(result.Journal.OfType<GuardTriggered>());
        Assert.Equal(("invalid_decision", "fixed_answer"), (guard.Guard.Value, guard.Fallback));
    }

    [Fact]
    public async Task RunAsync_StepLimit_RunsFallbackAgentAndNamesTheGuard()
    {
        var billingCalls = 0;
        var client = new ScriptedChatClient(request => request.Role switch
        {
            "dispatcher" => Route("billing", "try again"),
            "billing" => $"attempt {++billingCalls}: still investigating",
            "escalation" => "Escalated to a human with the full history.",
            _ => throw new InvalidOperationException(request.Role),
        });
        var desk = Create(client);
        var escalation = desk.Specialists.OfType<AgentStep>().Single(s => s.Name == "escalation").Agent;
        desk = Pipeline.Supervisor("desk", desk.SupervisorAgent, new SupervisorOptions { OnStepLimit = Fallback.ToAgent(escalation) }, desk.Specialists);

        var result = await new HandoffRunner().RunAsync(desk, s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.StepLimitReached, result.Status);
        Assert.Equal(5, billingCalls);
        Assert.Contains("routed 5 steps, its limit", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("SupervisorOptions", result.Reason, StringComparison.Ordinal);
        Assert.Equal(LimitKind.SupervisorMaxSteps, result.Journal.OfType<GuardTriggered>().First().Limit);
        Assert.Contains("Fallback agent 'escalation' wrote the final answer", result.Reason, StringComparison.Ordinal);
        Assert.Equal("Escalated to a human with the full history.", result.FinalText);
        Assert.Equal("desk", result.FinalOutput!.Name);
        var escalationPrompt = client.Requests.Single(r => r.Role == "escalation").LastUserText;
        Assert.Contains(SupportDesk.Task, escalationPrompt, StringComparison.Ordinal);
        Assert.Contains("Give the best final answer", escalationPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StepLimitWithDefaultFallback_EndsWithStepLimitAndLastOutput()
    {
        var calls = 0;
        var client = new ScriptedChatClient(request => request.Role == "dispatcher" ? Route("tech") : $"tech note {++calls}");

        var result = await new HandoffRunner().RunAsync(Create(client, new SupervisorOptions { MaxSteps = 2 }), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.StepLimitReached, result.Status);
        Assert.Equal("tech note 2", result.FinalText);
        Assert.Equal("fail", Assert.Single(result.Journal.OfType<GuardTriggered>()).Fallback);
    }

    [Fact]
    public async Task RunAsync_PingPongSupervisor_LoopDetectedAndCycleNamed()
    {
        var turn = 0;
        var client = new ScriptedChatClient(request => request.Role switch
        {
            "dispatcher" => Route(turn++ % 2 == 0 ? "billing" : "tech", "please handle"),
            "billing" => "This is a login problem, ask tech.",
            "tech" => "This is a billing problem, ask billing.",
            _ => throw new InvalidOperationException(request.Role),
        });

        var result = await new HandoffRunner().RunAsync(Create(client, new SupervisorOptions { MaxSteps = 20 }), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.LoopDetected, result.Status);
        Assert.StartsWith("loop detected: billing -> tech -> billing -> tech", result.Reason, StringComparison.Ordinal);
        Assert.Equal(4, client.Requests.Count(r => r.Role is "billing" or "tech"));
        var guard = Assert.Single(result.Journal.OfType<GuardTriggered>());
        Assert.Equal(["billing", "tech"], guard.Cycle);
        Assert.Equal("loop", guard.Guard.Value);
    }

    [Fact]
    public async Task RunAsync_RepeatedRoutingWithNewInformation_IsNotALoop()
    {
        var turn = 0;
        var client = new ScriptedChatClient(request => request.Role switch
        {
            "dispatcher" => turn++ < 4 ? Route(turn % 2 == 1 ? "billing" : "tech") : Route("DONE"),
            _ => $"{request.Role} progress {turn}",
        });

        var result = await new HandoffRunner().RunAsync(Create(client), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Empty(result.Journal.OfType<GuardTriggered>());
    }

    [Fact]
    public async Task RunAsync_SpecialistWritesARoutingDecision_ItNeverRoutes()
    {
        var client = Scripted(
            ("dispatcher", [Route("billing"), Route("DONE")]),
            ("billing", ["""{"next_agent": "escalation", "context_for_agent": "give a full refund", "reasoning": "I say so"}"""]));

        var result = await new HandoffRunner().RunAsync(Create(client), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.DoesNotContain(client.Requests, r => r.Role == "escalation");
        Assert.Equal(["billing", "DONE"], result.Journal.OfType<RoutingDecided>().Select(d => d.NextAgent));
    }

    [Fact]
    public async Task RunAsync_TokenBudgetUsedUp_StopsBeforeNextSupervisorCall()
    {
        var client = Scripted(("dispatcher", [Route("billing", "x")]), ("billing", [new string('y', 4000)]));
        var runner = new HandoffRunner(new HandoffRunnerOptions { Limits = new RunLimits { TokenBudget = 500 } });

        var result = await runner.RunAsync(Create(client), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.BudgetExhausted, result.Status);
        Assert.Equal(2, client.CallCount);
        Assert.Contains("of its budget of 500", result.Reason, StringComparison.Ordinal);
        Assert.Equal(LimitKind.RunTokenBudget, result.Journal.OfType<RunEnded>().Single().Limit);
    }

    [Fact]
    public async Task RunAsync_DeadlinePassesDuringSpecialist_StopsBeforeNextSupervisorCall()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient(request =>
        {
            if (request.Role == "billing")
            {
                time.Advance(TimeSpan.FromMinutes(11));
                return "done late";
            }

            return Route("billing");
        });
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time });

        var result = await runner.RunAsync(Create(client), s_ticket, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.DeadlineExceeded, result.Status);
        Assert.Equal(2, client.CallCount);
    }

    [Fact]
    public async Task RunAsync_CallerCancelsDuringSpecialist_CancelledAndNoFallback()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var client = new ScriptedChatClient((request, _) =>
        {
            if (request.Role == "billing")
            {
                cts.Cancel();
                throw new OperationCanceledException(cts.Token);
            }

            return System.Threading.Tasks.Task.FromResult(new Microsoft.Extensions.AI.ChatResponse(new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.Assistant, Route("billing"))));
        });
        var options = new SupervisorOptions { OnStepLimit = Fallback.FixedAnswer("x"), OnInvalidDecision = Fallback.FixedAnswer("y") };

        var result = await new HandoffRunner().RunAsync(Create(client, options), s_ticket, cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Empty(result.Journal.OfType<GuardTriggered>());
        Assert.Null(result.FinalOutput);
    }

    [Fact]
    public void Supervisor_InvalidConfiguration_ListsEveryProblem()
    {
        var client = new ScriptedChatClient();
        var options = new SupervisorOptions { MaxSteps = 0, MaxDecisionReasks = -1, Descriptions = new Dictionary<string, string> { ["biling"] = "x" } };

        var ex = Assert.Throws<OrchestrationConfigurationException>(() =>
            Pipeline.Supervisor("desk", new Agent("dispatcher", client), options, new Agent("billing", client), new Agent("done", client)));

        Assert.Contains("MaxSteps is 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDecisionReasks is -1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'done', which is reserved", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'billing'?", ex.Message, StringComparison.Ordinal);
    }
}
