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
}
