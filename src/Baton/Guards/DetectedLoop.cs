using System.Collections.Immutable;

namespace Baton.Guards;

/// <summary>A routing cycle that repeated with no new information, found by <see cref="LoopDetector"/>.</summary>
/// <param name="Cycle">The names of the cycle, in routing order (for example <c>billing, tech</c>).</param>
/// <param name="Repetitions">How many times the cycle was seen back to back at the end of the history.</param>
internal sealed record DetectedLoop(ImmutableArray<string> Cycle, int Repetitions)
{
    /// <summary>Describes the loop as written in run reasons: <c>loop detected: billing -> tech -> billing -> tech</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var names = Enumerable.Repeat(Cycle, Repetitions).SelectMany(c => c);
        return "loop detected: " + string.Join(" -> ", names);
    }
}
