namespace Baton.Evaluation.Internal;

/// <summary>A judge call could be answered neither from a recording nor by a judge model; the expectation is not evaluated.</summary>
internal sealed class JudgeUnavailableException : Exception
{
    public JudgeUnavailableException()
    {
    }

    public JudgeUnavailableException(string message)
        : base(message)
    {
    }

    public JudgeUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
