namespace Baton.Orchestration;

/// <summary>An orchestration was configured wrongly. Thrown before any model call; the message lists every problem and its fix.</summary>
public sealed class OrchestrationConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationConfigurationException()
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public OrchestrationConfigurationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OrchestrationConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception for an orchestration's problems.</summary>
    /// <param name="orchestration">The orchestration's name.</param>
    /// <param name="errors">One sentence per problem.</param>
    public OrchestrationConfigurationException(string orchestration, IReadOnlyList<string> errors)
        : base(Format(orchestration, errors))
    {
        Errors = errors;
    }

    /// <summary>Gets the problems found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Format(string orchestration, IReadOnlyList<string> errors) =>
        errors.Count == 1
            ? $"Orchestration '{orchestration}' is not valid: {errors[0]}"
            : $"Orchestration '{orchestration}' is not valid ({errors.Count} problems):{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", errors)}";
}
