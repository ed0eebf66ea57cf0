using Baton.Guards;
using CsCheck;

namespace Baton.Tests.Guards;

public class LoopDetectorTests
{
    private static readonly string[] s_targets = ["billing", "tech", "escalation"];
    private static readonly string[] s_digests = ["d1", "d2", "d3"];

    private static readonly Gen<RouteVisit> s_visit =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], (t, d) => new RouteVisit(s_targets[t], s_digests[d]));

    [Fact]
    public void Detect_PingPongWithUnchangedDigests_NamesTheCycle()
    {
        RouteVisit[] history = [new("billing", "a"), new("tech", "b"), new("billing", "a"), new("tech", "b")];

        var loop = LoopDetector.Detect(history);

        Assert.NotNull(loop);
        Assert.Equal(["billing", "tech"], loop.Cycle);
        Assert.Equal("loop detected: billing -> tech -> billing -> tech", loop.ToString());
    }

    [Fact]
    public void Detect_PingPongWithNewOutput_IsNotALoop()
    {
        RouteVisit[] history = [new("billing", "a"), new("tech", "b"), new("billing", "a"), new("tech", "c")];

        Assert.Null(LoopDetector.Detect(history));
    }

    [Fact]
    public void Detect_SameAgentTwiceWithSameOutput_IsACycleOfOne()
    {
        RouteVisit[] history = [new("classifier", "x"), new("billing", "a"), new("billing", "a")];

        var loop = LoopDetector.Detect(history);

        Assert.Equal(["billing"], loop!.Cycle);
    }

    [Fact]
    public void Detect_CycleLongerThanMaximum_IsNotReported()
    {
        RouteVisit[] history = [new("a", "1"), new("b", "2"), new("c", "3"), new("a", "1"), new("b", "2"), new("c", "3")];

        Assert.Null(LoopDetector.Detect(history, maxCycleLength: 2));
        Assert.Equal(["a", "b", "c"], LoopDetector.Detect(history, maxCycleLength: 3)!.Cycle);
    }

    [Fact]
    public void Detect_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopDetector.Detect([], maxCycleLength: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopDetector.Detect([], repetitions: 1));
    }

    [Fact]
    public void Detect_AnyPrefixFollowedByARepeatedCycle_IsDetected()
    {
        Gen.Select(s_visit.Array[0, 8], s_visit.Array[1, 3]).Sample((prefix, cycle) =>
        {
            RouteVisit[] history = [.. prefix, .. cycle, .. cycle];

            var loop = LoopDetector.Detect(history, maxCycleLength: 3);

            Assert.NotNull(loop);
            Assert.True(loop.Cycle.Length <= cycle.Length);
        });
    }

    [Fact]
    public void Detect_AnyHistory_ReportsOnlyCyclesThatReallyRepeatWithUnchangedDigests()
    {
        s_visit.Array[0, 12].Sample(history =>
        {
            var loop = LoopDetector.Detect(history, maxCycleLength: 3);
            var expected = Enumerable.Range(1, 3).FirstOrDefault(k =>
                2 * k <= history.Length && history.AsSpan()[^k..].SequenceEqual(history.AsSpan()[^(2 * k)..^k]));

            // Detected iff some cycle of length 1..3 ends the history twice with the same targets and digests.
            Assert.Equal(expected != 0, loop is not null);
            if (loop is not null)
            {
                Assert.Equal(history[^expected..].Select(v => v.Target), loop.Cycle);
            }
        });
    }

    [Fact]
    public void Detect_LastVisitBringsANewDigest_NeverALoop()
    {
        s_visit.Array[0, 10].Sample(prefix =>
        {
            RouteVisit[] history = [.. prefix, new(s_targets[0], "never-seen-before")];

            Assert.Null(LoopDetector.Detect(history, maxCycleLength: 5));
        });
    }
}
