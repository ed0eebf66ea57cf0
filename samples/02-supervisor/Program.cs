// Sample 2: a support desk run by a supervisor (handoff model 2) on a scripted model.
// A classifier reads each ticket and routes it to billing, tech or escalation with a JSON decision. Every decision
// is journaled; the specialist gets the supervisor's context plus the original ticket and intent; guards end a
// run that loops, with the escalation agent as the declared fallback.
using Baton;
using Baton.Agents;
using Baton.Context;
using Baton.Guards;
using Baton.Orchestration;
using Baton.Orchestration.Supervisor;
using Baton.Samples.Supervisor;

var model = ScriptedModel.Create();

var classifier = new Agent("classifier", model)
{
    Instructions = "You triage customer support tickets for an internet provider.",
};
var billing = new Agent("billing", model)
{
    Instructions = "You are a billing specialist. Resolve charges, refunds and invoices. Never promise a date you cannot keep.",
    Description = "Charges, refunds, invoices and plans.",
};
var tech = new Agent("tech", model)
{
    Instructions = "You are a technical support specialist. Resolve logins, outages and device problems.",
    Description = "Logins, outages, devices and connectivity.",
};
var escalation = new Agent("escalation", model)
{
    Instructions = "You are a senior support agent. Take over tickets the team could not resolve and reassure the customer.",
    Description = "Unresolved or sensitive tickets; angry customers.",
};

var desk = Pipeline.Supervisor(
    "support_desk",
    classifier,
    new SupervisorOptions
    {
        MaxSteps = 5,
        OnStepLimit = Fallback.ToAgent(escalation),
        OnLoopDetected = Fallback.ToAgent(escalation),
    },
    billing,
    tech,
    escalation);

var options = new HandoffRunnerOptions();
options.Observers.Add(new ConsoleProgress(Console.Out));
var runner = new HandoffRunner(options);

var tickets = new[]
{
    HandoffContext.Create(
        "I was charged twice for my May invoice and now I can't even log in to download it!",
        intent: "Refund the duplicate May charge and restore the customer's access.",
        constraints: ["Be polite and brief.", "Never share another customer's data."]),
    HandoffContext.Create(
        "My VPN add-on stopped working right after the renewal. Fix it.",
        intent: "Get the customer's VPN add-on working again."),
};

var exitCode = 0;
foreach (var ticket in tickets)
{
    var result = await runner.RunAsync(desk, ticket);
    Console.WriteLine($"=> {result.Status}: {result.Reason}");
    Console.WriteLine($"   answer ({result.FinalOutput?.ProducedBy}): {result.FinalText}");
    Console.WriteLine();
    exitCode |= result.Status is RunStatus.Completed or RunStatus.LoopDetected ? 0 : 1;
}

return exitCode;
