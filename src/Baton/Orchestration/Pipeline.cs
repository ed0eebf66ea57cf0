using Baton.Agents;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;

namespace Baton.Orchestration;

/// <summary>Factory methods for Baton's orchestrations.</summary>
public static class Pipeline
{
    /// <summary>Creates a sequential pipeline (handoff model 1) and checks it.</summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="steps">The steps in order: agents (converted implicitly) or nested orchestrations.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="OrchestrationConfigurationException">The pipeline is not valid.</exception>
    public static SequentialPipeline Sequential(string name, params IEnumerable<Orchestration> steps) => new(name, steps);

    /// <summary>Creates a supervisor (handoff model 2) with the default options and checks it.</summary>
    /// <param name="name">The orchestration's name.</param>
    /// <param name="supervisor">The agent that decides the routing.</param>
    /// <param name="specialists">The agents (converted implicitly) or nested orchestrations it may route to.</param>
    /// <returns>The supervisor.</returns>
    /// <exception cref="OrchestrationConfigurationException">The supervisor is not valid.</exception>
    public static SupervisorOrchestration Supervisor(string name, Agent supervisor, params IEnumerable<Orchestration> specialists) =>
        new(name, supervisor, specialists);

    /// <summary>Creates a supervisor (handoff model 2) and checks it.</summary>
    /// <param name="name">The orchestration's name.</param>
    /// <param name="supervisor">The agent that decides the routing.</param>
    /// <param name="options">The supervisor's guards and fallbacks.</param>
    /// <param name="specialists">The agents (converted implicitly) or nested orchestrations it may route to.</param>
    /// <returns>The supervisor.</returns>
    /// <exception cref="OrchestrationConfigurationException">The supervisor is not valid.</exception>
    public static SupervisorOrchestration Supervisor(string name, Agent supervisor, SupervisorOptions options, params IEnumerable<Orchestration> specialists) =>
        new(name, supervisor, specialists, options);

    /// <summary>Creates a peer review loop (handoff model 3) and checks it.</summary>
    /// <param name="name">The loop's name.</param>
    /// <param name="writer">The agent that writes and revises the draft.</param>
    /// <param name="reviewer">The agent that approves or asks for revisions.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="ReviewLoopOptions.Default"/> (3 rounds, <c>APPROVED:</c>/<c>REVISE:</c> verdicts).</param>
    /// <returns>The loop.</returns>
    /// <exception cref="OrchestrationConfigurationException">The loop is not valid.</exception>
    public static ReviewLoop ReviewLoop(string name, Agent writer, Agent reviewer, ReviewLoopOptions? options = null) =>
        new(name, writer, reviewer, options);

    /// <summary>Wraps an orchestration with a declared fallback for when a guard (step limit, budget, deadline, round limit, loop) stops it.</summary>
    /// <param name="orchestration">The orchestration to guard, for example a sequential pipeline.</param>
    /// <param name="fallback">The fallback: <see cref="Fallback.FixedAnswer(string)"/>, <see cref="Fallback.ToAgent"/> or <see cref="Fallback.Fail"/>.</param>
    /// <returns>The guarded orchestration; the run's status still names the guard.</returns>
    public static GuardedOrchestration WithFallback(Orchestration orchestration, Fallback fallback) => new(orchestration, fallback);
}
