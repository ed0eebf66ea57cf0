namespace Baton.Providers;

/// <summary>
/// A provider cannot be created as configured: a missing API key, an invalid setting, or a provider whose package
/// is not enabled. The message says what is missing and how to supply it, and never contains a key.
/// </summary>
public sealed class ProviderConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ProviderConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public ProviderConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public ProviderConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
