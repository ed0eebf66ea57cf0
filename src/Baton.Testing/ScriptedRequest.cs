using Microsoft.Extensions.AI;

namespace Baton.Testing;

/// <summary>A request a <see cref="ScriptedChatClient"/> received.</summary>
public sealed class ScriptedRequest
{
    internal ScriptedRequest(int index, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        Index = index;
        Messages = messages;
        Options = options;
    }

    /// <summary>Gets the 0-based position of the request among those the client received.</summary>
    public int Index { get; }

    /// <summary>Gets the messages, as sent.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the options, as sent.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Gets the text of the system messages, joined by new lines.</summary>
    public string SystemText => string.Join('\n', Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));

    /// <summary>Gets the text of the last user message (empty when there is none).</summary>
    public string LastUserText => Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;

    /// <summary>Gets the receiving agent's role as Baton's prompt states it (the "## Your role" section), if present.</summary>
    public string? Role
    {
        get
        {
            const string Marker = "## Your role\n";
            var text = LastUserText;
            var at = text.LastIndexOf(Marker, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var rest = text[(at + Marker.Length)..];
            var end = rest.IndexOf('\n', StringComparison.Ordinal);
            return (end < 0 ? rest : rest[..end]).Trim();
        }
    }

    /// <summary>Gets every message's text, joined by new lines.</summary>
    public string AllText => string.Join('\n', Messages.Select(m => m.Text));
}
