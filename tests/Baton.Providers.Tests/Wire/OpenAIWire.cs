namespace Baton.Providers.Tests.Wire;

/// <summary>OpenAI chat completions payloads, as the service (and compatible servers) send them.</summary>
internal static class OpenAIWire
{
    public static string Completion(string text, int promptTokens, int completionTokens, string model = "gpt-test", string finishReason = "stop") => $$$$"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"{{{{model}}}}",
         "choices":[{"index":0,"message":{"role":"assistant","content":{{{{Quote(text)}}}},"refusal":null},"finish_reason":"{{{{finishReason}}}}","logprobs":null}],
         "usage":{"prompt_tokens":{{{{promptTokens}}}},"completion_tokens":{{{{completionTokens}}}},"total_tokens":{{{{promptTokens + completionTokens}}}}}}
        """;

    public static IReadOnlyList<string> Stream(IReadOnlyList<string> pieces, int promptTokens, int completionTokens, string model = "gpt-test")
    {
        var chunks = new List<string>
        {
            Data($$$$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"{{{{model}}}}","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"""),
        };
        chunks.AddRange(pieces.Select(p => Data(
            $$$$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"{{{{model}}}}","choices":[{"index":0,"delta":{"content":{{{{Quote(p)}}}}},"finish_reason":null}]}""")));
        chunks.Add(Data($$$$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"{{{{model}}}}","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""));
        chunks.Add(Data($$$$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"{{{{model}}}}","choices":[],"usage":{"prompt_tokens":{{{{promptTokens}}}},"completion_tokens":{{{{completionTokens}}}},"total_tokens":{{{{promptTokens + completionTokens}}}}}}"""));
        chunks.Add("data: [DONE]\n\n");
        return chunks;
    }

    public static string Error(string type, string message) =>
        $$$$"""{"error":{"message":{{{{Quote(message)}}}},"type":"{{{{type}}}}","param":null,"code":null}}""";

    private static string Data(string json) => $"data: {json}\n\n";

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
