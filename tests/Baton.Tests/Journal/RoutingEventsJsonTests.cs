using Baton.Guards;
using Baton.Orchestration.Review;
using Baton.Journal;

namespace Baton.Tests.Journal;

public class RoutingEventsJsonTests
{
    [Fact]
    public void Serialize_RoutingDecided_RoundTripsWithKind()
    {
        var e = new RoutingDecided { RunId = "r", Sequence = 3, Step = 1, Agent = "dispatcher", Supervisor = "desk", Attempt = 2, NextAgent = "billing", ContextForAgent = "c", Reasoning = "why", RoutedSteps = 0 };

        var json = JournalSerializer.Serialize(e);

        Assert.Contains("\"kind\":\"routing_decided\"", json, StringComparison.Ordinal);
        Assert.Contains("\"next_agent\":\"billing\"", json, StringComparison.Ordinal);
        Assert.Equal(e, JournalSerializer.Deserialize(json));
    }

    [Fact]
    public void Serialize_GuardTriggeredAndReviewVerdict_RoundTrip()
    {
        var guard = new GuardTriggered { RunId = "r", Orchestration = "desk", Guard = GuardKind.Loop, Status = RunStatus.LoopDetected, Reason = "loop detected: a -> b -> a -> b", Cycle = ["a", "b"], Fallback = "fail" };
        var verdict = new ReviewVerdictRecorded { RunId = "r", Loop = "note", Round = 2, Verdict = ReviewVerdictKind.Revise, Feedback = "shorter", Draft = "draft" };

        var guardBack = (GuardTriggered)JournalSerializer.Deserialize(JournalSerializer.Serialize(guard));
        var verdictBack = JournalSerializer.Deserialize(JournalSerializer.Serialize(verdict));

        Assert.Equal(["a", "b"], guardBack.Cycle);
        Assert.Contains("\"status\":\"LoopDetected\"", JournalSerializer.Serialize(guard), StringComparison.Ordinal);
        Assert.Equal(RunStatus.LoopDetected, guardBack.Status);
        Assert.Equal(verdict, verdictBack);
        Assert.Equal("review_verdict", verdictBack.Kind);
    }
}
