using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>What a request asks for, read from Baton's prompt: the role, and whether it asks for a supervisor
/// decision or a review verdict. Used by <see cref="RehearsalChatClient"/> and the GGUF provider's grammar choice.</summary>
internal sealed partial class PromptShape
{
    private const string DecisionField = "next_agent";

    private PromptShape(string text, string role, bool asksForJson)
    {
        Text = text;
        Role = role;
        AsksForJson = asksForJson;
    }

    /// <summary>Gets every message's text, joined by new lines.</summary>
    public string Text { get; }

    /// <summary>Gets the receiving agent's role (Baton's "## Your role" section), or <c>agent</c>.</summary>
    public string Role { get; }

    /// <summary>Gets whether the system instructions ask for JSON (they mention <c>JSON</c>), even without a response format.</summary>
    public bool AsksForJson { get; }

    /// <summary>Gets whether the request asks for a supervisor routing decision (it mentions <c>next_agent</c>).</summary>
    public bool IsSupervisorDecision => Text.Contains(DecisionField, StringComparison.Ordinal);

    /// <summary>Gets whether the request asks for a review verdict (it mentions both <c>APPROVED:</c> and <c>REVISE:</c>).</summary>
    public bool IsReviewVerdict =>
        Text.Contains("APPROVED:", StringComparison.Ordinal) && Text.Contains("REVISE:", StringComparison.Ordinal);

    public static PromptShape Read(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var text = string.Join('\n', list.Select(m => m.Text));
        var lastUser = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? text;
        var role = RoleLine().Match(lastUser) is { Success: true } m ? m.Groups[1].Value.Trim() : "agent";
        var asksForJson = list.Any(m => m.Role == ChatRole.System && m.Text.Contains("JSON", StringComparison.Ordinal));
        return new PromptShape(text, role.Length == 0 ? "agent" : role, asksForJson);
    }

    /// <summary>
    /// Finds the agents a supervisor may route to: the <c>enum</c> of <c>next_agent</c> in the response schema, else the
    /// names on an "allowed/available ...: a, b, DONE" line, else the bullet names under a line that mentions agents.
    /// </summary>
    public IReadOnlyList<string> AllowedAgents(JsonElement? schema)
    {
        if (schema is { } s && EnumOfDecisionField(s) is { Count: > 0 } fromSchema)
        {
            return fromSchema;
        }

        foreach (Match line in AllowedLine().Matches(Text))
        {
            var names = line.Groups[1].Value
                .Split([',', '|', ';', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(n => n.Split(" or ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(Clean)
                .Where(IsAgentName)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (names.Count > 0)
            {
                return names;
            }
        }

        var bullets = new List<string>();
        var inAgentList = false;
        foreach (var raw in Text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0 || (!IsBullet(line) && line.EndsWith(':')))
            {
                inAgentList = line.Contains("agent", StringComparison.OrdinalIgnoreCase) && !line.Contains("completed", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (inAgentList && BulletName().Match(line) is { Success: true } bullet && IsAgentName(Clean(bullet.Groups[1].Value)))
            {
                bullets.Add(Clean(bullet.Groups[1].Value));
            }
        }

        return bullets.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Gets whether the prompt shows <paramref name="agent"/> already did a step (a completed-steps line or an input it produced).</summary>
    public bool HasWorked(string agent) =>
        Regex.IsMatch(Text, $@"(?m)^[ \t]*\d+\.[ \t]+`?{Regex.Escape(agent)}`?(?:[ \t]*[:(]|[ \t]+[-\u2014])", RegexOptions.None, TimeSpan.FromSeconds(1))
        || Text.Contains($"(from {agent},", StringComparison.Ordinal);

    private static List<string>? EnumOfDecisionField(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            && props.TryGetProperty(DecisionField, out var field) && field.ValueKind == JsonValueKind.Object
            && field.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            return values.EnumerateArray()
                .Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => v.GetString()!)
                .Where(IsAgentName)
                .ToList();
        }

        return null;
    }

    private static bool IsBullet(string line) => line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal);

    private static string Clean(string name) => name.Trim().Trim('`', '"', '\'', '*', '.', ' ');

    private static bool IsAgentName(string name) =>
        name.Length is > 0 and <= 64 && !string.Equals(name, "DONE", StringComparison.OrdinalIgnoreCase) && AgentName().IsMatch(name);

    [GeneratedRegex(@"## Your role\n([^\n]*)")]
    private static partial Regex RoleLine();

    [GeneratedRegex(@"(?im)^[^\n]*\b(?:allowed|available|valid)\b[^\n:]*(?:agents?|names?|values?)[^\n:]*:[ \t]*([^\n]+)$")]
    private static partial Regex AllowedLine();

    [GeneratedRegex(@"^[-*]\s+`?([A-Za-z0-9_.\-]+)`?\s*(?:[:(\u2014\-]|$)")]
    private static partial Regex BulletName();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex AgentName();
}
