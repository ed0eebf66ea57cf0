using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Humans;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Humans;

/// <summary>A support case handled by triage (a model), a team lead (a person, with a contract and a 4-hour timeout) and a writer (a model).</summary>
internal static class EscalationDesk
{
    public const string CaseText = "Customer says they were charged twice and threatens to cancel.";
    public const string Question = "Decide the resolution for this escalated case.";
    public static readonly TimeSpan LeadTimeout = TimeSpan.FromHours(4);
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static HandoffContext Brief => HandoffContext.Create(CaseText, "Keep the customer", ["Be polite"]);

    public static readonly OutputContract Resolution = OutputContract.FromSchema(
        JsonDocument.Parse("""{"type":"object","required":["action","refund"],"properties":{"action":{"type":"string","enum":["refund","escalate_legal","decline"]},"refund":{"type":"number","minimum":0}}}""").RootElement,
        "resolution");

    public static Agent Lead(Fallback? fallback = null, TimeSpan? timeout = null) =>
        new("lead", new HumanParticipant { Question = Question, Assignee = "support-leads", Timeout = timeout ?? LeadTimeout })
        {
            Reads = ["triage"],
            Writes = "resolution",
            Contract = Resolution,
            Fallback = fallback,
        };

    public static SequentialPipeline Desk(IChatClient client, Agent? lead = null) =>
        Baton.Orchestration.Pipeline.Sequential(
            "desk",
            new Agent("triage", client) { Instructions = "Triage the case." },
            lead ?? Lead(),
            new Agent("writer", client) { Instructions = "Write the reply to the customer.", Reads = ["triage", "resolution"] });

    public static ScriptedChatClient Models(string[]? triage = null, string[]? writer = null) =>
        ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["triage"] = triage ?? ["Double charge on invoice 42; customer angry."],
            ["writer"] = writer ?? ["We refunded the duplicate charge."],
        });

    public static HumanAnswer Refund => HumanAnswer.FromText("""{"action":"refund","refund":19.99}""");
}
