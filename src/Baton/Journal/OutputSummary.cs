using System.Text.Json;

namespace Baton.Journal;

/// <summary>The one-line summary of a recorded output that later agents see among the completed steps.</summary>
internal static class OutputSummary
{
    public static string Of(string name, JsonElement value, OutputVia via)
    {
        var size = JsonText.Length(value);
        var kind = value.ValueKind switch
        {
            JsonValueKind.Object => "a JSON object",
            JsonValueKind.Array => "a JSON array",
            JsonValueKind.String => "text",
            _ => "a value",
        };
        return via.IsPrimary
            ? $"wrote '{name}' ({kind}, {size} chars)"
            : $"wrote '{name}' ({kind}, {size} chars) via {via}";
    }
}
