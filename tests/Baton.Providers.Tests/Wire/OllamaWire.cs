namespace Baton.Providers.Tests.Wire;

/// <summary>Ollama /api/chat payloads: one JSON object, or newline-delimited JSON when streaming.</summary>
internal static class OllamaWire
{
    public static string Final(string text, int promptTokens, int evalTokens, string model = "llama-test", string doneReason = "stop") => $$$$"""
        {"model":"{{{{model}}}}","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":{{{{Quote(text)}}}}},"done":true,"done_reason":"{{{{doneReason}}}}","total_duration":1000,"load_duration":10,"prompt_eval_count":{{{{promptTokens}}}},"prompt_eval_duration":100,"eval_count":{{{{evalTokens}}}},"eval_duration":100}
        """.ReplaceLineEndings(string.Empty) + "\n";

    public static IReadOnlyList<string> Stream(IReadOnlyList<string> pieces, int promptTokens, int evalTokens, string model = "llama-test")
    {
        var lines = pieces.Select(p =>
            $$$$"""{"model":"{{{{model}}}}","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":{{{{Quote(p)}}}}},"done":false}""" + "\n").ToList();
        lines.Add(Final(string.Empty, promptTokens, evalTokens, model));
        return lines;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
