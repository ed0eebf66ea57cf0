namespace Baton.Orleans;

/// <summary>
/// A silo was asked to execute a run whose orchestration it has not registered, or has registered in another version
/// (a different definition hash). The run's journal is left as it is, for a silo that has the right orchestration.
/// </summary>
[GenerateSerializer]
[Alias("baton.OrchestrationUnavailableException")]
public sealed class OrchestrationUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    public OrchestrationUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public OrchestrationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
