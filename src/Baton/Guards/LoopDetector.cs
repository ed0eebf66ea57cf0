using System.Collections.Immutable;

namespace Baton.Guards;

/// <summary>
/// Finds routing loops: the same cycle of targets (length 1 to a maximum) repeating back to back at the end of a
/// routing history, with the same output digests each time, so the repetition brought no new information.
/// </summary>
/// <remarks>
/// <para>Pure and deterministic: the answer depends only on the history passed in, which orchestrations rebuild
/// from the run journal, so a resumed run detects the same loop at the same step.</para>
/// <para>A cycle <c>c</c> of length <c>k</c> is detected when the last <c>k × repetitions</c> visits are
/// <c>c</c> repeated, comparing both target and digest. <c>A -> B -> A -> B</c> with unchanged digests is a loop;
/// <c>A -> B -> A -> B</c> where B's output changed is progress, not a loop. The shortest such cycle is reported.</para>
/// </remarks>
internal static class LoopDetector
{
    /// <summary>The longest cycle checked by default.</summary>
    public const int DefaultMaxCycleLength = 3;

    /// <summary>Checks whether the end of <paramref name="history"/> is a cycle repeated with no new information.</summary>
    /// <param name="history">The visits so far, oldest first.</param>
    /// <param name="maxCycleLength">The longest cycle to look for; must be positive.</param>
    /// <param name="repetitions">How many back-to-back repetitions make a loop; must be at least 2.</param>
    /// <returns>The shortest repeated cycle, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCycleLength"/> is not positive or <paramref name="repetitions"/> is below 2.</exception>
    public static DetectedLoop? Detect(IReadOnlyList<RouteVisit> history, int maxCycleLength = DefaultMaxCycleLength, int repetitions = 2)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCycleLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 2);
        for (var length = 1; length <= maxCycleLength && length * repetitions <= history.Count; length++)
        {
            if (EndsWithRepeatedCycle(history, length, repetitions))
            {
                var start = history.Count - length;
                var cycle = ImmutableArray.CreateBuilder<string>(length);
                for (var i = start; i < history.Count; i++)
                {
                    cycle.Add(history[i].Target);
                }

                return new DetectedLoop(cycle.MoveToImmutable(), repetitions);
            }
        }

        return null;
    }

    private static bool EndsWithRepeatedCycle(IReadOnlyList<RouteVisit> history, int length, int repetitions)
    {
        var last = history.Count - length;
        for (var r = 1; r < repetitions; r++)
        {
            var earlier = last - (r * length);
            for (var i = 0; i < length; i++)
            {
                if (history[last + i] != history[earlier + i])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
