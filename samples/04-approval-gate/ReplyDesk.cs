using Baton.Agents;
using Baton.Humans;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Testing;

namespace Baton.Samples.ApprovalGate;

/// <summary>
/// The orchestration every process of the sample rebuilds: a writer drafts the reply to a customer, and a support
/// lead must approve it before it goes out (a review loop whose reviewer is a person). If the lead does not answer
/// within 4 hours, the duty manager is asked instead.
/// </summary>
internal static class ReplyDesk
{
    public static ReviewLoop Create()
    {
        var writer = new Agent("writer", WriterModel())
        {
            Instructions = "You write replies to customers of an internet provider: short, polite and specific.",
            Writes = "reply",
        };
        var dutyManager = new Agent("duty_manager", new HumanParticipant
        {
            Question = "The support lead did not answer in time: approve this reply to the customer, or reject it with what must change.",
            Assignee = "duty-manager@example.com",
            Timeout = TimeSpan.FromHours(2),
        });
        var lead = new Agent("lead", new HumanParticipant
        {
            Question = "Approve this reply before it is sent to the customer, or reject it with what must change.",
            Assignee = "support-leads@example.com",
            Timeout = TimeSpan.FromHours(4),
        })
        {
            // Nobody answered in 4 hours: the duty manager decides (a person standing in for a person).
            Fallback = Fallback.ToAgent(dutyManager),
        };

        return Pipeline.ReviewLoop("customer_reply", writer, lead, new ReviewLoopOptions { MaxRounds = 3 });
    }

    // A scripted stand-in for a model: the first draft is vague; the revision follows the lead's feedback.
    private static ScriptedChatClient WriterModel() => new(request =>
        request.LastUserText.Contains("asked for these changes", StringComparison.Ordinal)
            ? "Hello Sam, we refunded the duplicate charge of 19.99 EUR today; it reaches your account within 3 working days. Sorry for the trouble."
            : "Hello Sam, sorry about that, we will sort out the refund soon.");
}
