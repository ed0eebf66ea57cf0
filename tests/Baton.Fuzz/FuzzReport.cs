using System.Globalization;

namespace Baton.Fuzz;

/// <summary>What one fuzz target's run did: inputs, time, the slowest input, and every failure (with how to replay it).</summary>
internal sealed record FuzzReport(string Target, long Inputs, TimeSpan Elapsed, TimeSpan Slowest, long SlowestIndex, IReadOnlyList<string> Failures)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Target} | {Inputs:N0} | {Elapsed.TotalSeconds:0.0} s | {Inputs / Math.Max(Elapsed.TotalSeconds, 0.001):N0}/s | {Slowest.TotalMilliseconds:0.0} ms (input {SlowestIndex}) | {Failures.Count} |");
}
