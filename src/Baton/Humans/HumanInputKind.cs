namespace Baton.Humans;

/// <summary>What kind of answer a person's turn takes, as <see cref="Journal.InputRequested.Expects"/> records it.</summary>
public enum HumanInputKind
{
    /// <summary>Free text (the agent's output format is text and it has no contract).</summary>
    Text = 0,

    /// <summary>A JSON value, validated against the agent's output contract when it has one.</summary>
    Json,

    /// <summary>A review verdict: approve, or ask for a revision with feedback (the person is a review loop's reviewer or an approval gate).</summary>
    Verdict,
}
