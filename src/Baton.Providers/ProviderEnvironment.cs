namespace Baton.Providers;

/// <summary>The environment variables <see cref="ChatClientFactory"/> reads when <see cref="ProviderSettings"/> leaves a value unset.</summary>
public static class ProviderEnvironment
{
    /// <summary>The Anthropic API key: <c>ANTHROPIC_API_KEY</c>.</summary>
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";

    /// <summary>The Anthropic API base URL, for a proxy or gateway: <c>ANTHROPIC_BASE_URL</c>.</summary>
    public const string AnthropicBaseUrl = "ANTHROPIC_BASE_URL";

    /// <summary>The OpenAI API key: <c>OPENAI_API_KEY</c>.</summary>
    public const string OpenAIApiKey = "OPENAI_API_KEY";

    /// <summary>The base URL of OpenAI or an OpenAI-compatible server, including <c>/v1</c>: <c>OPENAI_BASE_URL</c>.</summary>
    public const string OpenAIBaseUrl = "OPENAI_BASE_URL";

    /// <summary>The Ollama server's base URL: <c>OLLAMA_HOST</c>.</summary>
    public const string OllamaHost = "OLLAMA_HOST";
}
