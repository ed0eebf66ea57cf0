using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using CsCheck;
using static Baton.Tests.Orchestration.Supervisor.SupportDesk;

namespace Baton.Tests.Orchestration.Supervisor;

public class SupervisorPropertyTests
{
    private static readonly string[] s_names = ["billing", "tech", "escalation", "DONE", "done", "Billing", "refund_bot", "dispatcher", ""];

    [Fact]
    public async Task RunAsync_AnySupervisorReplies_OnlyAllowedAgentsRunAndTheRunEnds()
    {
        var reply = Gen.OneOf(Gen.String, Gen.Int[0, s_names.Length - 1].Select(i => Route(s_names[i], "ctx")));
        var specialistReply = Gen.Int[0, 2].Select(i => $"answer {i}");
        await Gen.Select(reply.Array[1, 12], specialistReply.Array[1, 6]).SampleAsync(
            async (decisions, answers) =>
            {
                int d = 0, a = 0;
                var client = new ScriptedChatClient(request => request.Role == "dispatcher"
                    ? decisions[d++ % decisions.Length]
                    : answers[a++ % answers.Length]);

                var result = await new HandoffRunner().RunAsync(Create(client), SupportDesk.Task, TestContext.Current.CancellationToken);

                Assert.All(client.Requests, r => Assert.Contains(r.Role, new[] { "dispatcher", "billing", "tech", "escalation" }));
                Assert.NotEqual(RunStatus.Running, result.Status);
                Assert.False(string.IsNullOrWhiteSpace(result.Reason));
                Assert.True(client.Requests.Count(r => r.Role != "dispatcher") <= 5);
                Assert.True(result.Journal.OfType<GuardTriggered>().Count() <= 1);
            },
            iter: 200);
    }
}
