using Baton.Guards;

namespace Baton.Orleans.Serialization;

/// <summary>The wire form of <see cref="RunLimits"/> (a core type Orleans does not know).</summary>
[GenerateSerializer]
[Alias("baton.RunLimits")]
internal struct RunLimitsSurrogate
{
    [Id(0)]
    public int MaxSteps;

    [Id(1)]
    public TimeSpan? Deadline;

    [Id(2)]
    public long? TokenBudget;
}
