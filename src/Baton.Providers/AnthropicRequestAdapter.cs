using System.Runtime.CompilerServices;
using System.Text.Json;
using Anthropic.Models.Messages;
using Type = System.Type;
using Baton.Agents;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// Shapes requests for Anthropic's Messages API (and servers that speak it, such as llama.cpp's <c>/v1/messages</c>):
/// a JSON schema response format becomes a forced tool whose <c>input_schema</c> is the caller's schema unchanged, and
/// the tool's input comes back as the reply's text; every request carries <c>max_tokens</c>.
/// </summary>
/// <remarks>
/// A forced tool works with every Claude model and with compatible servers, where the API's own structured-output
/// parameter is model-specific and the SDK's mapping of it strips keywords (<c>maxLength</c>, <c>pattern</c>) from the
/// schema. Tool inputs must be objects, so a schema whose root is not an object is only validated afterwards.
/// A forced-tool request is served without streaming and its response replayed as updates: a partial tool input is no
/// use to anyone.
/// </remarks>
internal sealed class AnthropicRequestAdapter(IChatClient inner, string model, int defaultMaxOutputTokens) : DelegatingChatClient(inner)
{
    private static readonly ModelCapabilities s_capabilities = new() { StructuredOutput = StructuredOutputMechanism.Tool };

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (shaped, tool) = Shape(options);
        var response = await base.GetResponseAsync(messages, shaped, cancellationToken).ConfigureAwait(false);
        return tool is null ? response : ToolInputAsText(response, tool);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (shaped, tool) = Shape(options);
        if (tool is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, shaped, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        var response = ToolInputAsText(await base.GetResponseAsync(messages, shaped, cancellationToken).ConfigureAwait(false), tool);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ModelCapabilities) ? s_capabilities : base.GetService(serviceType, serviceKey);

    private (ChatOptions Options, string? Tool) Shape(ChatOptions? options)
    {
        var shaped = options?.Clone() ?? new ChatOptions();
        shaped.MaxOutputTokens ??= defaultMaxOutputTokens;
        if (StructuredOutputRequest.From(shaped) is not { IsObject: true } request || shaped.RawRepresentationFactory is not null)
        {
            return (shaped, null);
        }

        var schema = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var keyword in request.Schema.EnumerateObject())
        {
            schema[keyword.Name] = keyword.Value.Clone();
        }

        var maxTokens = shaped.MaxOutputTokens.Value;
        var modelId = shaped.ModelId ?? model;
        var tool = new Tool
        {
            Name = request.Name,
            Description = request.Description ?? "Give your answer as this tool's input; it is the only way to answer.",
            InputSchema = new InputSchema(schema),
        };

        // The SDK keeps these parameters and adds the messages, system prompt and sampling options to them.
        shaped.RawRepresentationFactory = _ => new MessageCreateParams
        {
            MaxTokens = maxTokens,
            Model = modelId,
            Messages = [],
            Tools = [tool],
            ToolChoice = new ToolChoiceTool { Name = request.Name },
        };

        // Cleared so the SDK does not also send its own (keyword-stripped) output format.
        shaped.ResponseFormat = null;
        return (shaped, request.Name);
    }

    private static ChatResponse ToolInputAsText(ChatResponse response, string tool)
    {
        foreach (var message in response.Messages)
        {
            for (var i = 0; i < message.Contents.Count; i++)
            {
                if (message.Contents[i] is FunctionCallContent call && call.Name == tool)
                {
                    message.Contents[i] = new TextContent(InputJson(call)) { RawRepresentation = call.RawRepresentation };
                }
            }
        }

        // The forced tool call is the answer, so it ends the turn like a stop; a cut input stays Length.
        if (response.FinishReason == ChatFinishReason.ToolCalls)
        {
            response.FinishReason = ChatFinishReason.Stop;
        }

        return response;
    }

    private static string InputJson(FunctionCallContent call)
    {
        if (call.RawRepresentation is ToolUseBlock block)
        {
            // The tool input exactly as the server sent it, member order kept.
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var (name, value) in block.Input)
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        return JsonSerializer.Serialize(
            call.Arguments ?? new Dictionary<string, object?>(),
            AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
    }
}
