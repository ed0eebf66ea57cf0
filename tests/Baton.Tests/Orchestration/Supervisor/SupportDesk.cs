using System.Text.Json;
using Baton.Agents;
using Baton.Orchestration;
using Baton.Orchestration.Supervisor;
using Baton.Testing;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Orchestration.Supervisor;

/// <summary>A dispatcher routing to billing, tech and escalation agents, all on one scripted client.</summary>
internal static class SupportDesk
{
    public const string Task = "I was charged twice for my May invoice and now I cannot log in to download it.";
    public const string Intent = "Get the double charge refunded and restore the customer's access.";

    public static SupervisorOrchestration Create(IChatClient client, SupervisorOptions? options = null)
    {
        var dispatcher = new Agent("dispatcher", client) { Instructions = "You route support tickets to the right specialist." };
        var billing = new Agent("billing", client) { Description = "Invoices, refunds and charges." };
        var tech = new Agent("tech", client) { Description = "Login problems, errors and outages." };
        var escalation = new Agent("escalation", client) { Description = "Angry customers, legal threats, anything unresolved." };
        return Pipeline.Supervisor("desk", dispatcher, options ?? new SupervisorOptions(), billing, tech, escalation);
    }

    public static ScriptedChatClient Scripted(params (string Agent, string[] Replies)[] scripts) =>
        ScriptedChatClient.PerAgent(scripts.ToDictionary(s => s.Agent, s => (IReadOnlyList<string>)s.Replies));

    public static string Route(string agent, string context = "", string reasoning = "because") =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["next_agent"] = agent,
            ["context_for_agent"] = context,
            ["reasoning"] = reasoning,
        });
}
