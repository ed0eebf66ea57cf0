using Baton.Agents;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// Shapes requests for Ollama: OllamaSharp sends a JSON schema response format as Ollama's <c>format</c> schema;
/// this adds the output-token limit (<c>num_predict</c>) to every request and declares the mechanism.
/// </summary>
internal sealed class OllamaRequestAdapter(IChatClient inner, int defaultMaxOutputTokens)
    : RequestShapingChatClient(inner, s_capabilities, defaultMaxOutputTokens)
{
    private static readonly ModelCapabilities s_capabilities = new() { StructuredOutput = StructuredOutputMechanism.Format };
}
