namespace Baton.Testing;

/// <summary>A <see cref="ScriptedChatClient"/> received more requests than its script has replies.</summary>
public sealed class ScriptExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ScriptExhaustedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ScriptExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ScriptExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
