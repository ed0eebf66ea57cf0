using System.Collections.Immutable;

namespace Baton.Evaluation.Expectations;

/// <summary>The run ends with one of the given statuses (names from <see cref="CaseStatus"/>, such as <c>completed</c> or <c>rejected</c>).</summary>
public sealed record StatusExpectation : Expectation
{
    /// <summary>Creates the expectation.</summary>
    /// <param name="allowed">The statuses that pass, as <see cref="CaseStatus"/> names.</param>
    /// <exception cref="ArgumentException">No status is given, or one is not a status name.</exception>
    public StatusExpectation(params IEnumerable<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var normalized = ImmutableArray.CreateBuilder<string>();
        foreach (var text in allowed)
        {
            if (!CaseStatus.TryNormalize(text, out var status))
            {
                throw new ArgumentException($"'{text}' is not a status. Use one of: {string.Join(", ", CaseStatus.All.Where(s => s != "running"))}.", nameof(allowed));
            }

            if (!normalized.Contains(status))
            {
                normalized.Add(status);
            }
        }

        if (normalized.Count == 0)
        {
            throw new ArgumentException("Give at least one status.", nameof(allowed));
        }

        Allowed = normalized.ToImmutable();
    }

    /// <summary>Gets the statuses that pass.</summary>
    public ImmutableArray<string> Allowed { get; }

    /// <inheritdoc />
    public override string Kind => "status";

    /// <inheritdoc />
    public override string Description => Allowed.Length == 1 ? $"status is {Allowed[0]}" : $"status is one of {string.Join(", ", Allowed)}";

    /// <inheritdoc />
    public override ValueTask<ExpectationResult> CheckAsync(ExpectationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Allowed.Contains(context.Status)
            ? Pass($"status {context.Status}")
            : Fail($"status {context.Status}: {Clip(context.Reason, 300)}"));
    }
}
