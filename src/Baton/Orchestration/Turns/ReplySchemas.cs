using System.Buffers;
using System.Text.Json;
using Baton.Orchestration.Review;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Turns;

/// <summary>The JSON schemas Baton requests as structured output for the replies it parses itself: decisions and verdicts.</summary>
internal static class ReplySchemas
{
    /// <summary>A supervisor decision whose <c>next_agent</c> is one of <paramref name="names"/> or <c>DONE</c>.</summary>
    public static ChatResponseFormat Decision(IEnumerable<string> names) => Format(
        "supervisor_decision",
        "The supervisor's routing decision.",
        w =>
        {
            w.WriteStartObject("next_agent");
            w.WriteString("type", "string");
            w.WriteStartArray("enum");
            foreach (var name in names)
            {
                w.WriteStringValue(name);
            }

            w.WriteStringValue(Supervisor.SupervisorDecision.Done);
            w.WriteEndArray();
            w.WriteEndObject();
            StringProperty(w, "context_for_agent");
            StringProperty(w, "reasoning");
        },
        ["next_agent", "context_for_agent", "reasoning"]);

    /// <summary>A review verdict: <c>approved</c> or <c>revise</c>, with feedback.</summary>
    public static ChatResponseFormat Verdict { get; } = Format(
        "review_verdict",
        "The reviewer's verdict on the draft.",
        w =>
        {
            w.WriteStartObject("verdict");
            w.WriteString("type", "string");
            w.WriteStartArray("enum");
            w.WriteStringValue(ReviewVerdictKind.Approved.Value);
            w.WriteStringValue(ReviewVerdictKind.Revise.Value);
            w.WriteEndArray();
            w.WriteEndObject();
            StringProperty(w, "feedback");
        },
        ["verdict", "feedback"]);

    private static ChatResponseFormatJson Format(string name, string description, Action<Utf8JsonWriter> properties, string[] required)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            properties(w);
            w.WriteEndObject();
            w.WriteStartArray("required");
            foreach (var r in required)
            {
                w.WriteStringValue(r);
            }

            w.WriteEndArray();
            w.WriteBoolean("additionalProperties", false);
            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return ChatResponseFormat.ForJsonSchema(doc.RootElement.Clone(), name, description);
    }

    private static void StringProperty(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteString("type", "string");
        w.WriteEndObject();
    }
}
