using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Baton.Cli.Models;

/// <summary>
/// Answers every call with a placeholder shaped by the request's output contract (the JSON schema in
/// <see cref="ChatOptions.ResponseFormat"/>, or text), so a pipeline's wiring can be checked without a model.
/// </summary>
internal sealed class RehearsalChatClient(string agent) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = options?.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } => Placeholder(schema, agent, 0)?.ToJsonString() ?? "null",
            ChatResponseFormatJson => new JsonObject { ["rehearsal"] = $"placeholder output of {agent}" }.ToJsonString(),
            _ => $"[rehearsal] placeholder output of {agent}.",
        };
        var input = messages.Sum(m => m.Text.Length);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "rehearsal",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = (input + 3) / 4, OutputTokenCount = (text.Length + 3) / 4 },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(RehearsalChatClient) ? this : null;

    public void Dispose()
    {
    }

    private static JsonNode? Placeholder(JsonElement schema, string name, int depth)
    {
        if (depth > 8 || schema.ValueKind != JsonValueKind.Object)
        {
            return JsonValue.Create($"placeholder {name}");
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t[0].GetString() : t.GetString()
            : schema.TryGetProperty("properties", out _) ? "object" : "string";
        switch (type)
        {
            case "object":
                var result = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        result[property.Name] = Placeholder(property.Value, property.Name, depth + 1);
                    }
                }

                return result;
            case "array":
                var count = schema.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var m) ? Math.Max(1, m) : 1;
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                var array = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    array.Add(Placeholder(items, name, depth + 1));
                }

                return array;
            case "integer":
                return JsonValue.Create(schema.TryGetProperty("minimum", out var minimum) && minimum.TryGetInt64(out var lo) ? lo : 0L);
            case "number":
                return JsonValue.Create(schema.TryGetProperty("minimum", out var minimumNumber) ? minimumNumber.GetDouble() : 0d);
            case "boolean":
                return JsonValue.Create(true);
            case "null":
                return null;
            default:
                return JsonValue.Create($"placeholder {name}");
        }
    }
}
