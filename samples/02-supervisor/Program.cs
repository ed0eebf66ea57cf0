// Sample 2: a support desk run by a supervisor (handoff model 2) on a scripted model.
// A classifier reads each ticket and routes it to billing, tech, escalation or a support team lead (a person) with a
// JSON decision. Every decision is journaled; the specialist gets the supervisor's context plus the original ticket
// and intent; guards end a run that loops, with the escalation agent as the declared fallback. A case routed to the
// team lead waits for their answer (the run ends AwaitingInput) and continues when they give it.
using Baton;
using Baton.Agents;
using Baton.Context;
using Baton.Guards;
using Baton.Humans;
using Baton.Orchestration;
using Baton.Orchestration.Supervisor;
using Baton.Samples.Supervisor;

var model = ScriptedModel.Create();

var classifier = new Agent("classifier", model)
{
    Instructions = "You triage customer support tickets for an internet provider.",
    MaxOutputTokens = 256, // one routing decision (a supervisor's default is 512)
};
var billing = new Agent("billing", model)
{
    Instructions = "You are a billing specialist. Resolve charges, refunds and invoices. Never promise a date you cannot keep.",
    Description = "Charges, refunds, invoices and plans.",
    MaxOutputTokens = 600,
};
var tech = new Agent("tech", model)
{
    Instructions = "You are a technical support specialist. Resolve logins, outages and device problems.",
    Description = "Logins, outages, devices and connectivity.",
    MaxOutputTokens = 600,
};
var escalation = new Agent("escalation", model)
{
    Instructions = "You are a senior support agent. Take over tickets the team could not resolve and reassure the customer.",
    Description = "Unresolved or sensitive tickets; angry customers.",
    MaxOutputTokens = 600,
};

// A person the classifier can route to like any specialist: they see the same view (ticket, intent, constraints, the
// classifier's note) and the run waits for their answer; after 4 hours without one, the escalation agent answers.
var teamLead = new Agent("team_lead", new HumanParticipant
{
    Question = "A customer case needs a person: decide what we do and write the message the customer gets.",
    Assignee = "support-leads",
    Timeout = TimeSpan.FromHours(4),
})
{
    Description = "A support team lead (a person): legal threats, cancellations, anything specialists must not decide alone.",
    Fallback = Fallback.ToAgent(escalation),
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
    escalation,
    teamLead);

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
    HandoffContext.Create(
        "Third double charge this year. I am cancelling and my lawyer will contact you.",
        intent: "Keep the customer if we fairly can, and answer the legal threat properly.",
        constraints: ["Be polite and brief."]),
};

var exitCode = 0;
foreach (var ticket in tickets)
{
    var result = await runner.RunAsync(desk, ticket);
    if (result.Status == RunStatus.AwaitingInput)
    {
        // The run is parked in its journal. In an application the team lead answers later, from a web form or with
        // 'baton answer'; here they answer at once. The answer is validated like a model's reply before it is taken.
        Console.WriteLine($"=> {result.Status}: {result.Reason}");
        var answered = await runner.ProvideInputAsync(
            desk,
            result.RunId,
            HumanAnswer.FromText("We refund all three duplicate charges today and waive next month's fee. Legal questions go to legal@example.com; we will not contact you further about this unless you ask."),
            respondent: "dana (team lead)");
        Console.WriteLine($"   {answered.Outcome}: {answered.Message}");
        result = answered.Run;
    }

    Console.WriteLine($"=> {result.Status}: {result.Reason}");
    Console.WriteLine($"   answer ({result.FinalOutput?.ProducedBy}): {result.FinalText}");
    Console.WriteLine();
    exitCode |= result.Status is RunStatus.Completed or RunStatus.LoopDetected ? 0 : 1;
}

return exitCode;
