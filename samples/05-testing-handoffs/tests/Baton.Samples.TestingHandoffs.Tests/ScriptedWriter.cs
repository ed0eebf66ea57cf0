using System.Text.Json;
using Baton.Testing;

namespace Baton.Samples.TestingHandoffs;

/// <summary>
/// A deterministic stand-in for the writer's model, so the sample runs without an API key. Replace it with a real
/// <c>IChatClient</c> (or one that replays recorded answers) to test the real agent.
/// </summary>
public static class ScriptedWriter
{
    public static ScriptedChatClient Create() => new(request =>
    {
        var prompt = request.LastUserText;
        var task = Section(prompt, "## Task");
        var topic = task.Contains("drought", StringComparison.OrdinalIgnoreCase) ? "Drought and wheat"
            : task.Contains("flood", StringComparison.OrdinalIgnoreCase) ? "Floods and rice"
            : "Weather and farming";
        var research = Section(prompt, "## Input `research`");
        var body = research.Length == 0
            ? "No research reached me, so this draft only restates the task: " + task
            : $"{task}. What the research says about drought, floods or frost: {Summary(research)}";
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["title"] = topic, ["body"] = body });
    });

    private static string Section(string prompt, string heading)
    {
        var at = prompt.IndexOf(heading, StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var start = prompt.IndexOf('\n', at) + 1;
        var end = prompt.IndexOf("\n## ", start, StringComparison.Ordinal);
        return (end < 0 ? prompt[start..] : prompt[start..end]).Trim();
    }

    private static string Summary(string research)
    {
        try
        {
            using var doc = JsonDocument.Parse(research);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String
                ? Shorten(s.GetString()!)
                : "(the research was not in the expected shape)";
        }
        catch (JsonException)
        {
            return "(the research could not be read)";
        }
    }

    // Only the first sentence is used: text planted after it (instructions, forged verdicts) never reaches the draft.
    private static string Shorten(string text)
    {
        var end = text.IndexOfAny(['.', '\n']);
        var sentence = end < 0 ? text : text[..(end + 1)];
        return sentence.Length <= 160 ? sentence : sentence[..160] + "...";
    }
}
