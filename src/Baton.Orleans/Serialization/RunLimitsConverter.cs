using Baton.Guards;

namespace Baton.Orleans.Serialization;

/// <summary>Converts <see cref="RunLimits"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class RunLimitsConverter : IConverter<RunLimits, RunLimitsSurrogate>
{
    public RunLimits ConvertFromSurrogate(in RunLimitsSurrogate surrogate) =>
        new() { MaxSteps = surrogate.MaxSteps, Deadline = surrogate.Deadline, TokenBudget = surrogate.TokenBudget };

    public RunLimitsSurrogate ConvertToSurrogate(in RunLimits value) =>
        new() { MaxSteps = value.MaxSteps, Deadline = value.Deadline, TokenBudget = value.TokenBudget };
}
