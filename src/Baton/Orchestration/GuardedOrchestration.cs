using Baton.Agents;
using Baton.Guards;

namespace Baton.Orchestration;

/// <summary>
/// Wraps any orchestration (a sequential pipeline, typically) with a declared fallback for when a guard stops it:
/// the run-wide step limit, token budget or deadline, or a nested orchestration's own step, round or loop guard.
/// </summary>
/// <remarks>
/// <para>The run still ends with the guard's status (for example <see cref="RunStatus.StepLimitReached"/>); the
/// fallback only decides the result. <see cref="RunStatus.Failed"/> and <see cref="RunStatus.Cancelled"/> are never
/// routed to the fallback.</para>
/// <para>Run-wide limits refuse any further agent turn, so after them a <see cref="FallbackKind.Agent"/>
/// fallback cannot answer (the reason says so); use <see cref="Fallback.FixedAnswer(string)"/> for those. Wrap nested
/// orchestrations whose own fallbacks are <see cref="Fallback.Fail"/>, or the two fallbacks both apply.</para>
/// </remarks>
public sealed class GuardedOrchestration : Orchestration
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The orchestration to guard.</param>
    /// <param name="fallback">What to do when a guard stops it.</param>
    /// <exception cref="OrchestrationConfigurationException">The wrapped orchestration is not valid.</exception>
    public GuardedOrchestration(Orchestration inner, Fallback fallback)
        : base(inner?.Name ?? throw new ArgumentNullException(nameof(inner)))
    {
        ArgumentNullException.ThrowIfNull(fallback);
        Inner = inner;
        Fallback = fallback;
        Validate(Inner.Inputs);
    }

    /// <summary>Gets the wrapped orchestration.</summary>
    public Orchestration Inner { get; }

    /// <summary>Gets the declared fallback.</summary>
    public Fallback Fallback { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Inputs => Inner.Inputs;

    /// <inheritdoc />
    public override IReadOnlyList<string> Outputs => Inner.Outputs;

    /// <inheritdoc />
    public override string? ResultOutput => Inner.ResultOutput;

    /// <inheritdoc />
    public override IEnumerable<Agent> Agents => Fallback.Agent is { } agent ? Inner.Agents.Append(agent).Distinct() : Inner.Agents;

    /// <inheritdoc />
    public override async ValueTask<StepOutcome> ExecuteAsync(IRunContext run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var outcome = await Inner.ExecuteAsync(run, cancellationToken).ConfigureAwait(false);
        GuardKind guard;
        switch (outcome.Status)
        {
            case RunStatus.BudgetExhausted:
                guard = GuardKind.TokenBudget;
                break;
            case RunStatus.DeadlineExceeded:
                guard = GuardKind.Deadline;
                break;
            case RunStatus.RoundLimitReached:
                guard = GuardKind.RoundLimit;
                break;
            case RunStatus.LoopDetected:
                guard = GuardKind.Loop;
                break;
            case RunStatus.StepLimitReached:
                guard = GuardKind.StepLimit;
                break;
            default:
                return outcome;
        }

        var stop = new GuardStop(Name, guard, outcome.Status, outcome.Reason ?? outcome.Status.ToString()) { Limit = outcome.Limit };
        return await run.StopAsync(stop, Fallback, ResultOutput, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected internal override void CollectErrors(ICollection<string> errors) => Inner.CollectErrors(errors);
}
