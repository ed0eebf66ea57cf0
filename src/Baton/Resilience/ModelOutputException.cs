namespace Baton.Resilience;

/// <summary>
/// A model call failed because of what the model produced, not because the service is unavailable: for example a
/// server answering that the model's output did not match the requested format. Provider adapters throw it so the
/// agent turn treats the call as an unusable reply (journaled, re-asked with a note, then the agent's fallback)
/// instead of retrying it with backoff as an outage.
/// </summary>
/// <remarks>Retry middleware never retries this exception: the same request is likely to fail the same way.</remarks>
public sealed class ModelOutputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelOutputException()
        : this("The model's output could not be used.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong with the output (already free of secrets).</param>
    public ModelOutputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's original error.</summary>
    /// <param name="message">What was wrong with the output (already free of secrets).</param>
    /// <param name="innerException">The provider's error.</param>
    public ModelOutputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
