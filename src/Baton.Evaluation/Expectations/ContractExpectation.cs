using Baton.Journal;

namespace Baton.Evaluation.Expectations;

/// <summary>
/// Every output held its agent's output contract: no reply was rejected in a way that ended in a fallback or a
/// failure, and every recorded output still validates against its producer's contract as the spec declares it now
/// (so changing a schema re-scores recorded runs). Re-asks that ended in a valid output do not fail it.
/// </summary>
public sealed record ContractExpectation : Expectation
{
    /// <inheritdoc />
    public override string Kind => "contract";

    /// <inheritdoc />
    public override string Description => "every output holds its contract";

    /// <inheritdoc />
    public override ValueTask<ExpectationResult> CheckAsync(ExpectationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Run is not { } run)
        {
            return ValueTask.FromResult(Fail($"there is no run to read ({context.Status})"));
        }

        var problems = new List<string>();
        foreach (var rejected in run.Journal.OfType<ValidationFailed>().Where(v => v.Next != "reask"))
        {
            problems.Add($"step {rejected.Step}: {rejected.Agent}'s reply broke its contract and the step went to {rejected.Next}: {string.Join("; ", rejected.Errors.Take(2).Select(e => e.ToString()))}");
        }

        var agents = context.Orchestration.Agents.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var checkedOutputs = 0;
        foreach (var output in run.Journal.OfType<OutputRecorded>().Where(o => o.Step > 0 && o.Agent is not null))
        {
            if (!agents.TryGetValue(output.Agent!, out var agent) || agent.Contract is not { } contract)
            {
                continue;
            }

            checkedOutputs++;
            var validation = contract.Validate(output.Value);
            if (!validation.IsValid)
            {
                problems.Add($"step {output.Step}: output '{output.Name}' breaks contract '{contract.Name}': {string.Join("; ", validation.Errors.Take(2).Select(e => e.ToString()))}");
            }
        }

        return ValueTask.FromResult(problems.Count == 0
            ? Pass(checkedOutputs == 0 ? "no output has a contract, and no reply was rejected" : $"{checkedOutputs} output(s) checked against their contracts")
            : Fail(Clip(string.Join(" | ", problems), 600)));
    }
}
