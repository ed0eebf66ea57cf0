namespace Baton.Humans;

/// <summary>How a person answered (<see cref="HumanAnswer.Kind"/>).</summary>
public enum HumanAnswerKind
{
    /// <summary>Text, read like a model's reply (for a JSON output, the text must be the JSON value).</summary>
    Text = 0,

    /// <summary>A JSON value.</summary>
    Json,

    /// <summary>An approval (for a verdict).</summary>
    Approve,

    /// <summary>A request for a revision, with feedback (for a verdict).</summary>
    Reject,
}
