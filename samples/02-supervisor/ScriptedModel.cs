using System.Text.Json;
using Baton.Testing;

namespace Baton.Samples.Supervisor;

/// <summary>
/// A scripted stand-in for a model. Each agent answers from the prompt Baton builds for it, so the sample runs
/// offline and deterministically; swap it for any IChatClient to use a real model.
/// </summary>
internal static class ScriptedModel
{
    public static ScriptedChatClient Create() => new(request => request.Role switch
    {
        "classifier" => Classify(request.LastUserText),
        "billing" => request.LastUserText.Contains("VPN", StringComparison.Ordinal)
            ? "This looks like a connectivity problem, not a billing one. Please ask tech."
            : "I found two charges of 40 EUR for the May invoice (INV-0525). The duplicate is refunded to the original card; it shows within 5 business days.",
        "tech" => request.LastUserText.Contains("VPN", StringComparison.Ordinal)
            ? "The VPN add-on is a paid feature; whether it is active is a billing question. Please ask billing."
            : "The account was locked after 5 failed logins. I unlocked it and sent a password reset link to the address on file.",
        "escalation" =>
            "I am sorry this took several hand-offs. I have opened case ESC-2291 with everything our team found so far; a senior agent will call you today.",
        _ => throw new InvalidOperationException($"No script for agent '{request.Role}'."),
    });

    private static string Classify(string prompt)
    {
        var steps = prompt.Split(" wrote '").Length - 1;
        if (prompt.Contains("lawyer", StringComparison.Ordinal))
        {
            // Legal threats and cancellations are for a person: route to the team lead, then finish with their answer.
            return steps == 0
                ? Decide("team_lead", "Third double charge this year; the customer cancels and mentions a lawyer. Decide the gesture and the reply.", "A legal threat and a cancellation need a person.")
                : Decide("DONE", string.Empty, "The team lead answered the customer.");
        }

        if (prompt.Contains("VPN", StringComparison.Ordinal))
        {
            // A misconfigured supervisor that bounces the ticket between billing and tech.
            return Decide(steps % 2 == 0 ? "billing" : "tech", "The customer's VPN add-on stopped working after renewal.", "Could be the renewal or the connection.");
        }

        return steps switch
        {
            0 => "Routing to billing first:\n```json\n" + Decide("billing", "Customer was charged twice for the May invoice; refund the duplicate.", "A double charge is a billing issue.") + "\n```",
            1 => Decide("tech", "Customer cannot log in to download the invoice; restore access.", "Billing is resolved; the login problem remains."),
            _ => Decide("DONE", string.Empty, "Both the refund and the login are handled."),
        };
    }

    private static string Decide(string next, string context, string reasoning) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["next_agent"] = next, ["context_for_agent"] = context, ["reasoning"] = reasoning });
}
