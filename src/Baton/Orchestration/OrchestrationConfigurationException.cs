namespace Baton.Orchestration;

/// <summary>
/// Baton was configured wrongly: an orchestration, its options, or a runner's options. Thrown before any model call,
/// when the configuration is built; the message lists every problem and its fix.
/// </summary>
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
        : this(errors, Format($"Orchestration '{orchestration}'", errors))
    {
    }

    private OrchestrationConfigurationException(IReadOnlyList<string> errors, string message)
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>Gets the problems found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Creates the exception for any configured subject's problems.</summary>
    /// <param name="subject">What was checked, for example <c>HandoffRunnerOptions</c>.</param>
    /// <param name="errors">One sentence per problem.</param>
    /// <returns>The exception.</returns>
    internal static OrchestrationConfigurationException ForSubject(string subject, IReadOnlyList<string> errors) => new(errors, Format(subject, errors));

    private static string Format(string subject, IReadOnlyList<string> errors) =>
        errors.Count == 1
            ? $"{subject} is not valid: {errors[0]}"
            : $"{subject} is not valid ({errors.Count} problems):{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", errors)}";
}
