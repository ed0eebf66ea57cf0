using System.Text.Json;
using Baton.Agents;
using Baton.Humans;
using Baton.Orchestration;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Orleans.TestSilo;

/// <summary>
/// The orchestrations the people-in-the-loop cluster tests run: <c>desk</c> asks a lead for a JSON decision (no
/// timeout) and an agent writes the reply; <c>desk-due</c> asks with a two-second timeout whose fallback answers;
/// <c>desk@v2</c> registers <c>desk</c> with another question (another definition hash).
/// </summary>
internal static class DeskOrchestrations
{
    public const string Question = "Decide the resolution for this case.";

    public static void Register(OrchestrationCatalog catalog, string name, IChatClient model)
    {
        switch (name)
        {
            case "desk":
                catalog.Add("desk", context => Desk(context.Decorate(model), Question));
                break;
            case "desk@v2":
                catalog.Add("desk", context => Desk(context.Decorate(model), "Choose how to resolve this case."));
                break;
            case "desk-due":
                catalog.Add("desk-due", context => DeskDue(context.Decorate(model)));
                break;
            default:
                throw new ArgumentException($"Unknown orchestration '{name}': desk, desk@v2 or desk-due.", nameof(name));
        }
    }

    private static SequentialPipeline Desk(IChatClient model, string question) => Pipeline.Sequential(
        "desk",
        new Agent("lead", new HumanParticipant { Question = question, Assignee = "support-leads" })
        {
            Writes = "resolution",
            Contract = OutputContract.FromSchema(
                JsonDocument.Parse("""{"type":"object","required":["action"],"properties":{"action":{"type":"string","enum":["refund","decline"]}}}""").RootElement,
                "resolution"),
        },
        Reply(model));

    private static SequentialPipeline DeskDue(IChatClient model) => Pipeline.Sequential(
        "desk-due",
        new Agent("lead", new HumanParticipant { Question = Question, Timeout = TimeSpan.FromSeconds(2) })
        {
            Writes = "resolution",
            Fallback = Fallback.FixedAnswer("Nobody decided in time: escalate to the duty manager."),
        },
        Reply(model));

    private static Agent Reply(IChatClient model) => new("reply", model)
    {
        Instructions = "AGENT=reply Write the reply to the customer.",
        Reads = ["resolution"],
        Writes = "answer",
    };
}
