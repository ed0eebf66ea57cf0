using Baton.Agents;
using Microsoft.Extensions.AI;
using ChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;
using OpenAIChatResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace Baton.Providers;

/// <summary>
/// Shapes requests for OpenAI and OpenAI-compatible servers: a JSON schema response format is sent as
/// <c>response_format: json_schema</c> with the caller's schema unchanged (Microsoft.Extensions.AI.OpenAI would move
/// keywords such as <c>minItems</c> into descriptions, loosening the server's grammar), <c>strict</c> when the
/// schema allows it; and every request carries an output-token limit.
/// </summary>
internal sealed class OpenAIRequestAdapter(IChatClient inner, int defaultMaxOutputTokens)
    : RequestShapingChatClient(inner, s_capabilities, defaultMaxOutputTokens)
{
    private static readonly ModelCapabilities s_capabilities = new() { StructuredOutput = StructuredOutputMechanism.JsonSchema };

    protected override ChatOptions Shape(ChatOptions? options)
    {
        var shaped = base.Shape(options);
        if (StructuredOutputRequest.From(shaped) is not { } request)
        {
            return shaped;
        }

        var format = OpenAIChatResponseFormat.CreateJsonSchemaFormat(
            request.Name,
            BinaryData.FromString(request.SchemaText),
            request.Description,
            jsonSchemaIsStrict: OpenAIStrictSchema.IsCompatible(request.Schema));
        var callerFactory = shaped.RawRepresentationFactory;
        shaped.RawRepresentationFactory = client =>
        {
            var raw = callerFactory?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            raw.ResponseFormat ??= format;
            return raw;
        };

        // Cleared so the SDK adapter does not build (and rewrite) its own response format from the schema.
        shaped.ResponseFormat = null;
        return shaped;
    }
}
