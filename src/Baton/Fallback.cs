using System.Text.Json;
using Baton.Agents;

namespace Baton;

/// <summary>
/// What produces a result when the normal path cannot: another agent, a fixed answer, or nothing (<see cref="Fail"/>).
/// One vocabulary for every fallback Baton applies: an agent's (<see cref="Agent.Fallback"/>, after its call fails or
/// its re-asks are spent) and an orchestration's guard fallbacks (a supervisor's step limit, a review loop's round
/// limit, <see cref="Orchestration.GuardedOrchestration"/>).
/// </summary>
/// <remarks>
/// <para><b>Agent fallbacks</b> must satisfy the agent's contract too; an invalid fallback output is never recorded.
/// The journal writes a <see cref="Journal.FallbackUsed"/> event and the output's <c>via</c> names the fallback
/// (<see cref="OutputVia.FallbackAgent"/>, <see cref="OutputVia.FixedAnswer"/>). Fallback agents never chain.</para>
/// <para><b>Guard fallbacks</b> decide the result only: the run still ends with the guard's status, so a caller can
/// always tell a fallback answer from a completed run. A fallback agent's turn is a normal step, held to the run-wide
/// limits.</para>
/// <para>Caller cancellation and run deadlines never route to an agent fallback. Immutable and thread-safe.</para>
/// </remarks>
public sealed class Fallback
{
    private Fallback(FallbackKind kind, Agent? agent, JsonElement? answer)
    {
        Kind = kind;
        Agent = agent;
        Answer = answer;
    }

    /// <summary>Gets the fallback that does nothing: the step fails, or the run ends with the guard's status and keeps the last output written as its result.</summary>
    public static Fallback Fail { get; } = new(FallbackKind.Fail, null, null);

    /// <summary>Gets what the fallback does.</summary>
    public FallbackKind Kind { get; }

    /// <summary>Gets the agent that takes over, for <see cref="FallbackKind.Agent"/>.</summary>
    public Agent? Agent { get; }

    /// <summary>Gets the fixed answer, for <see cref="FallbackKind.FixedAnswer"/>.</summary>
    public JsonElement? Answer { get; }

    /// <summary>Creates a fallback that hands the work to another agent (it sees the same view; its own fallback is not used).</summary>
    /// <param name="agent">The agent that takes over (for a guard, it may also be one of the orchestration's own agents).</param>
    /// <returns>The fallback.</returns>
    public static Fallback ToAgent(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(FallbackKind.Agent, agent, null);
    }

    /// <summary>Creates a fallback that records a fixed text.</summary>
    /// <param name="answer">The text, for example "We could not resolve this automatically; a human will follow up."</param>
    /// <returns>The fallback.</returns>
    /// <exception cref="ArgumentException"><paramref name="answer"/> is empty.</exception>
    public static Fallback FixedAnswer(string answer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        return new(FallbackKind.FixedAnswer, null, JsonSerializer.SerializeToElement(answer, BatonJsonContext.Default.String));
    }

    /// <summary>Creates a fallback that records a fixed JSON value.</summary>
    /// <param name="answer">The value.</param>
    /// <returns>The fallback.</returns>
    public static Fallback FixedAnswer(JsonElement answer) => new(FallbackKind.FixedAnswer, null, answer.Clone());

    /// <summary>Gets the path an agent fallback's output is recorded under.</summary>
    internal OutputVia Via => Kind == FallbackKind.Agent ? OutputVia.FallbackAgent(Agent!.Name) : OutputVia.FixedAnswer;

    /// <summary>Describes the fallback as the journal writes it on <see cref="Journal.GuardTriggered.Fallback"/>: <c>fail</c>, <c>fixed_answer</c> or <c>agent:&lt;name&gt;</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        FallbackKind.FixedAnswer => "fixed_answer",
        FallbackKind.Agent => "agent:" + Agent!.Name,
        _ => "fail",
    };
}
