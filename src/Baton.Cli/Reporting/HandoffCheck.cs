using System.Text.Json;
using Baton.Journal;

namespace Baton.Cli.Reporting;

/// <summary>Tells whether an output a receiver reads actually reached its prompt, so lost context is visible in the trace.</summary>
internal static class HandoffCheck
{
    /// <summary>Returns the values of <paramref name="output"/> (its text, or each string and number leaf of its JSON) that the prompt lacks.</summary>
    public static IReadOnlyList<string> Missing(OutputRecorded output, AgentCalled call)
    {
        var prompt = string.Join("\n", call.Messages.Select(m => m.Text));
        return [.. Leaves(output.Value).Where(v => !prompt.Contains(v, StringComparison.Ordinal))];
    }

    private static IEnumerable<string> Leaves(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                yield return value.GetString()!;
                break;
            case JsonValueKind.Number:
                yield return value.GetRawText();
                break;
            case JsonValueKind.Object:
                foreach (var leaf in value.EnumerateObject().SelectMany(p => Leaves(p.Value)))
                {
                    yield return leaf;
                }

                break;
            case JsonValueKind.Array:
                foreach (var leaf in value.EnumerateArray().SelectMany(Leaves))
                {
                    yield return leaf;
                }

                break;
            default:
                break;
        }
    }
}
