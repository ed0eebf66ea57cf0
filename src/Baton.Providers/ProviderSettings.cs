using System.Text;
using Microsoft.Extensions.AI;

namespace Baton.Providers;

/// <summary>
/// Keys, endpoints and limits for the providers <see cref="ChatClientFactory"/> creates. Every value left unset is
/// read from the environment (see <see cref="ProviderEnvironment"/>), then from the provider's default.
/// </summary>
/// <remarks>
/// <para><see cref="ToString"/> never prints a key: keys show as <c>(set)</c> or <c>(not set)</c>.</para>
/// <para>Immutable; share one instance freely.</para>
/// </remarks>
public sealed record ProviderSettings
{
    /// <summary>Gets settings that take everything from the environment.</summary>
    public static ProviderSettings Default { get; } = new();

    /// <summary>Gets the Anthropic API key.</summary>
    /// <value>The default is <see langword="null"/>: read <c>ANTHROPIC_API_KEY</c>.</value>
    public string? AnthropicApiKey { get; init; }

    /// <summary>Gets the Anthropic API base URL (without <c>/v1</c>).</summary>
    /// <value>The default is <see langword="null"/>: read <c>ANTHROPIC_BASE_URL</c>, else <c>https://api.anthropic.com</c>.</value>
    public Uri? AnthropicBaseUrl { get; init; }

    /// <summary>Gets the OpenAI API key.</summary>
    /// <value>The default is <see langword="null"/>: read <c>OPENAI_API_KEY</c>. A custom base URL may go without a key.</value>
    public string? OpenAIApiKey { get; init; }

    /// <summary>Gets the base URL of OpenAI or an OpenAI-compatible server, including <c>/v1</c>.</summary>
    /// <value>The default is <see langword="null"/>: read <c>OPENAI_BASE_URL</c>, else <c>https://api.openai.com/v1</c>.</value>
    public Uri? OpenAIBaseUrl { get; init; }

    /// <summary>Gets the Ollama server's base URL.</summary>
    /// <value>The default is <see langword="null"/>: read <c>OLLAMA_HOST</c>, else <c>http://127.0.0.1:11434</c>.</value>
    public Uri? OllamaBaseUrl { get; init; }

    /// <summary>Gets the output token limit sent when a request's <see cref="ChatOptions.MaxOutputTokens"/> is unset.</summary>
    /// <value>The default is 4096. Every provider sends a limit on every request (Anthropic requires one; a local server without one may generate until its context is full).</value>
    public int DefaultMaxOutputTokens { get; init; } = 4096;

    /// <summary>Gets how long one HTTP request may take before it fails.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the function that reads an environment variable; tests replace it to avoid touching the process environment.</summary>
    /// <value>The default is <see cref="Environment.GetEnvironmentVariable(string)"/>.</value>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Gets the factory for <see cref="ModelProvider.Gguf"/> models. The <c>Baton.Providers.Llama</c> package sets it
    /// (<c>settings.WithLlama()</c>), so this package does not carry native inference libraries.
    /// </summary>
    /// <value>The default is <see langword="null"/>: GGUF references fail with a message saying how to enable them.</value>
    public Func<ModelReference, ProviderSettings, IChatClient>? GgufClientFactory { get; init; }

    /// <summary>Checks the settings and reports every problem in one message.</summary>
    /// <exception cref="ProviderConfigurationException">A setting is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        CheckUrl(errors, nameof(AnthropicBaseUrl), AnthropicBaseUrl);
        CheckUrl(errors, nameof(OpenAIBaseUrl), OpenAIBaseUrl);
        CheckUrl(errors, nameof(OllamaBaseUrl), OllamaBaseUrl);
        if (DefaultMaxOutputTokens <= 0)
        {
            errors.Add($"{nameof(DefaultMaxOutputTokens)} must be positive, but it is {DefaultMaxOutputTokens}.");
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{nameof(RequestTimeout)} must be positive or Timeout.InfiniteTimeSpan, but it is {RequestTimeout}.");
        }

        if (errors.Count > 0)
        {
            throw new ProviderConfigurationException("Invalid provider settings: " + string.Join(" ", errors));
        }
    }

    private static void CheckUrl(List<string> errors, string name, Uri? url)
    {
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{name} must be an absolute http:// or https:// URL, but it is '{url}'.");
        }
    }

    // Records print every property; keys must never reach logs, so this replaces the generated member list.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AnthropicApiKey = ").Append(AnthropicApiKey is null ? "(not set)" : "(set)")
            .Append(", AnthropicBaseUrl = ").Append(AnthropicBaseUrl)
            .Append(", OpenAIApiKey = ").Append(OpenAIApiKey is null ? "(not set)" : "(set)")
            .Append(", OpenAIBaseUrl = ").Append(OpenAIBaseUrl)
            .Append(", OllamaBaseUrl = ").Append(OllamaBaseUrl)
            .Append(", DefaultMaxOutputTokens = ").Append(DefaultMaxOutputTokens)
            .Append(", RequestTimeout = ").Append(RequestTimeout)
            .Append(", GgufClientFactory = ").Append(GgufClientFactory is null ? "(none)" : "(set)");
        return true;
    }
}
