namespace Baton.Providers.Tests.Wire;

/// <summary>Anthropic Messages API payloads, as the service sends them.</summary>
internal static class AnthropicWire
{
    public static string Message(string text, int inputTokens, int outputTokens, string model = "claude-test", string stopReason = "end_turn") => $$$$"""
        {"id":"msg_01","type":"message","role":"assistant","model":"{{{{model}}}}",
         "content":[{"type":"text","text":{{{{Quote(text)}}}}}],
         "stop_reason":"{{{{stopReason}}}}","stop_sequence":null,
         "usage":{"input_tokens":{{{{inputTokens}}}},"output_tokens":{{{{outputTokens}}}},"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}
        """;

    public static string ToolUse(string tool, string inputJson, int inputTokens, int outputTokens, string stopReason = "tool_use") => $$$$"""
        {"id":"msg_02","type":"message","role":"assistant","model":"claude-test",
         "content":[{"type":"tool_use","id":"toolu_01","name":"{{{{tool}}}}","input":{{{{inputJson}}}}}],
         "stop_reason":"{{{{stopReason}}}}","stop_sequence":null,
         "usage":{"input_tokens":{{{{inputTokens}}}},"output_tokens":{{{{outputTokens}}}},"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}
        """;

    public static IReadOnlyList<string> Stream(IReadOnlyList<string> pieces, int inputTokens, int outputTokens, string model = "claude-test")
    {
        var events = new List<string>
        {
            Event("message_start", $$$$"""{"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"{{{{model}}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":{{{{inputTokens}}}},"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}"""),
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            Event("ping", """{"type":"ping"}"""),
        };
        events.AddRange(pieces.Select(p =>
            Event("content_block_delta", $$$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":{{{{Quote(p)}}}}}}""")));
        events.Add(Event("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        events.Add(Event("message_delta", $$$$"""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":{{{{outputTokens}}}}}}"""));
        events.Add(Event("message_stop", """{"type":"message_stop"}"""));
        return events;
    }

    public static string Error(string type, string message) =>
        $$$$"""{"type":"error","error":{"type":"{{{{type}}}}","message":{{{{Quote(message)}}}}}}""";

    private static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
