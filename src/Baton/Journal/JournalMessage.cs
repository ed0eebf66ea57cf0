namespace Baton.Journal;

/// <summary>A chat message as the journal records it: the role and the text.</summary>
/// <param name="Role">The chat role (<c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>).</param>
/// <param name="Text">The message text.</param>
public sealed record JournalMessage(string Role, string Text);
