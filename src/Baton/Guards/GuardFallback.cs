using Baton.Agents;

namespace Baton.Guards;

/// <summary>
/// The declared behaviour when an orchestration's own guard ends it early: fail with the guard's status, record a
/// fixed answer, or let a fallback agent write the final answer.
/// </summary>
/// <remarks>
/// <para>Whatever the fallback, the run's status still names the guard (for example
/// <see cref="RunStatus.StepLimitReached"/>), so a caller can always tell a fallback answer from a completed run.</para>
/// <para>A fallback agent's turn is a normal step: the run-wide limits (<see cref="RunLimits"/>: steps, deadline,
/// token budget) still apply to it. When they refuse it, or it fails, the run ends with the guard's status and the
/// reason says why the fallback did not answer. Caller cancellation is never routed to a fallback.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class GuardFallback
{
    private GuardFallback(GuardFallbackKind kind, string? answer, Agent? agent)
    {
        Kind = kind;
        Answer = answer;
        Agent = agent;
    }

    /// <summary>Gets the fallback that ends the run with the guard's status and keeps the last output written as the result.</summary>
    public static GuardFallback Fail { get; } = new(GuardFallbackKind.Fail, null, null);

    /// <summary>Gets what the fallback does.</summary>
    public GuardFallbackKind Kind { get; }

    /// <summary>Gets the fixed answer, for <see cref="GuardFallbackKind.FixedAnswer"/>.</summary>
    public string? Answer { get; }

    /// <summary>Gets the fallback agent, for <see cref="GuardFallbackKind.Agent"/>.</summary>
    public Agent? Agent { get; }

    /// <summary>Creates a fallback that records <paramref name="answer"/> as the orchestration's result.</summary>
    /// <param name="answer">The answer, for example "We could not resolve this automatically; a human will follow up."</param>
    /// <returns>The fallback.</returns>
    /// <exception cref="ArgumentException"><paramref name="answer"/> is empty.</exception>
    public static GuardFallback FixedAnswer(string answer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        return new(GuardFallbackKind.FixedAnswer, answer, null);
    }

    /// <summary>Creates a fallback that lets <paramref name="agent"/> write the orchestration's result from the work so far.</summary>
    /// <param name="agent">The fallback agent (it may also be one of the orchestration's own agents).</param>
    /// <returns>The fallback.</returns>
    public static GuardFallback UseAgent(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(GuardFallbackKind.Agent, null, agent);
    }

    /// <summary>Describes the fallback as written in the journal: <c>fail</c>, <c>fixed_answer</c> or <c>agent:&lt;name&gt;</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        GuardFallbackKind.FixedAnswer => "fixed_answer",
        GuardFallbackKind.Agent => "agent:" + Agent!.Name,
        _ => "fail",
    };
}
