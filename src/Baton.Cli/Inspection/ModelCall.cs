using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>One model call: what the agent was sent, and the answer or failure.</summary>
internal sealed class ModelCall(AgentCalled called)
{
    public AgentCalled Called { get; } = called;

    /// <summary>Gets or sets the <see cref="AgentAnswered"/> or <see cref="AgentFailed"/> event; <see langword="null"/> while in flight.</summary>
    public JournalEvent? Outcome { get; set; }

    public int ContextChars => Called.Messages.Sum(m => m.Text.Length);

    /// <summary>Gets the context size in tokens: measured when the journal has it, otherwise estimated at four characters per token.</summary>
    public string ContextSize => Called.ContextTokens is { } tokens ? $"{tokens} tokens" : $"~{(ContextChars + 3) / 4} tokens (est.), {ContextChars} chars";
}
