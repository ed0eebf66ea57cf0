using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Baton.Secrets;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Baton.Providers;

/// <summary>Creates the <see cref="IChatClient"/> for a <see cref="ModelReference"/>.</summary>
/// <remarks>
/// <para><b>Retries are off in every SDK</b> (Anthropic <c>MaxRetries = 0</c>, OpenAI a zero-retry policy, OllamaSharp
/// has none): Baton's resilience middleware owns retries, so a request is never retried twice over or behind the
/// journal's back.</para>
/// <para><b>Errors:</b> every HTTP error answer surfaces as a <see cref="ModelProviderException"/> (an
/// <see cref="HttpRequestException"/>) with the status code, the provider's error text and <c>Retry-After</c>.</para>
/// <para><b>Structured output and limits:</b> a JSON schema in <c>ChatOptions.ResponseFormat</c> is enforced by the
/// provider's own mechanism with the schema unchanged (OpenAI and compatible servers <c>response_format: json_schema</c>,
/// Anthropic a forced tool, Ollama <c>format</c>); <c>GetService(typeof(ModelCapabilities))</c> names it. Every
/// request carries an output-token limit: <c>ChatOptions.MaxOutputTokens</c>, else
/// <see cref="ProviderSettings.DefaultMaxOutputTokens"/>. A reply cut by the limit ends with <c>ChatFinishReason.Length</c>.</para>
/// <para>A server reporting that the model's output did not match the requested format raises
/// <see cref="Baton.Resilience.ModelOutputException"/>, which retry middleware never retries.</para>
/// <para><b>Keys</b> are read from <see cref="ProviderSettings"/> or the environment, sent only in request headers, and
/// removed from every exception message the client raises.</para>
/// <para>The caller owns the returned client; disposing it releases the SDK client and its HTTP connections.</para>
/// </remarks>
public static class ChatClientFactory
{
    /// <summary>The Ollama base URL used when neither the settings nor <c>OLLAMA_HOST</c> name one.</summary>
    public static readonly Uri DefaultOllamaBaseUrl = new("http://127.0.0.1:11434");

    /// <summary>Creates the chat client for <paramref name="model"/>.</summary>
    /// <param name="model">The model reference.</param>
    /// <param name="settings">Keys, endpoints and limits; <see langword="null"/> reads everything from the environment.</param>
    /// <returns>The chat client. Dispose it when done.</returns>
    /// <exception cref="ProviderConfigurationException">A key is missing, a setting is invalid, or the provider is not enabled.</exception>
    public static IChatClient Create(ModelReference model, ProviderSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        settings ??= ProviderSettings.Default;
        settings.Validate();
        return model.Provider switch
        {
            ModelProvider.Rehearsal => new RehearsalChatClient(),
            ModelProvider.Anthropic => CreateAnthropic(model, settings),
            ModelProvider.OpenAI => CreateOpenAI(model, settings),
            ModelProvider.Ollama => CreateOllama(model, settings),
            ModelProvider.Gguf => settings.GgufClientFactory?.Invoke(model, settings) ?? throw new ProviderConfigurationException(
                $"The model '{model}' is a local GGUF file, but GGUF support is not enabled. Reference the Baton.Providers.Llama " +
                "package and pass settings.WithLlama() to ChatClientFactory.Create."),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.Provider, "Unknown provider."),
        };
    }

    /// <summary>Parses <paramref name="model"/> and creates its chat client.</summary>
    /// <param name="model">A model reference such as <c>anthropic:claude-sonnet-4-5</c>; null or empty means rehearsal.</param>
    /// <param name="settings">Keys, endpoints and limits; <see langword="null"/> reads everything from the environment.</param>
    /// <returns>The chat client. Dispose it when done.</returns>
    /// <exception cref="FormatException"><paramref name="model"/> is not a valid reference.</exception>
    /// <exception cref="ProviderConfigurationException">A key is missing, a setting is invalid, or the provider is not enabled.</exception>
    public static IChatClient Create(string? model, ProviderSettings? settings = null) =>
        Create(string.IsNullOrWhiteSpace(model) ? ModelReference.Rehearsal : ModelReference.Parse(model), settings);

    private static ProviderErrorChatClient CreateAnthropic(ModelReference model, ProviderSettings settings)
    {
        var key = Read(settings, settings.AnthropicApiKey, ProviderEnvironment.AnthropicApiKey)
                  ?? throw MissingKey(model, ProviderEnvironment.AnthropicApiKey, nameof(ProviderSettings.AnthropicApiKey));
        var baseUrl = settings.AnthropicBaseUrl ?? ReadUrl(settings, ProviderEnvironment.AnthropicBaseUrl);
        var redactor = new SecretRedactor(key);
        var http = CreateHttpClient("anthropic", redactor, settings);
        var options = new ClientOptions
        {
            ApiKey = key,
            HttpClient = http,
            MaxRetries = 0,
            Timeout = settings.RequestTimeout,
        };
        if (baseUrl is not null)
        {
            options.BaseUrl = baseUrl.ToString().TrimEnd('/');
        }

        var client = new AnthropicClient(options);
        var chat = new AnthropicRequestAdapter(client.AsIChatClient(model.Model, settings.DefaultMaxOutputTokens), model.Model, settings.DefaultMaxOutputTokens);
        return new ProviderErrorChatClient(chat, "anthropic", redactor, client, http);
    }

    private static ProviderErrorChatClient CreateOpenAI(ModelReference model, ProviderSettings settings)
    {
        var baseUrl = settings.OpenAIBaseUrl ?? ReadUrl(settings, ProviderEnvironment.OpenAIBaseUrl);
        var key = Read(settings, settings.OpenAIApiKey, ProviderEnvironment.OpenAIApiKey);

        // Local OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) usually accept any key; OpenAI itself never does.
        key ??= baseUrl is not null
            ? "no-key"
            : throw MissingKey(model, ProviderEnvironment.OpenAIApiKey, nameof(ProviderSettings.OpenAIApiKey),
                $" For an OpenAI-compatible server, set {ProviderEnvironment.OpenAIBaseUrl} (for example http://127.0.0.1:8000/v1) instead.");
        var redactor = new SecretRedactor(key);
        var http = CreateHttpClient("openai", redactor, settings);
        var options = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(http),
            NetworkTimeout = settings.RequestTimeout,
        };
        if (baseUrl is not null)
        {
            options.Endpoint = baseUrl;
        }

        var chat = new OpenAIRequestAdapter(
            new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model.Model).AsIChatClient(), settings.DefaultMaxOutputTokens);
        return new ProviderErrorChatClient(chat, "openai", redactor, http);
    }

    private static ProviderErrorChatClient CreateOllama(ModelReference model, ProviderSettings settings)
    {
        var baseUrl = settings.OllamaBaseUrl ?? ReadUrl(settings, ProviderEnvironment.OllamaHost) ?? DefaultOllamaBaseUrl;
        var http = CreateHttpClient("ollama", SecretRedactor.Default, settings);
        http.BaseAddress = baseUrl;
        var client = new OllamaApiClient(http, model.Model);
        return new ProviderErrorChatClient(new OllamaRequestAdapter(client, settings.DefaultMaxOutputTokens), "ollama", SecretRedactor.Default, http);
    }

    private static HttpClient CreateHttpClient(string provider, SecretRedactor redactor, ProviderSettings settings) =>
        new(new ProviderHttpErrorHandler(provider, redactor, TimeProvider.System))
        {
            // The SDKs apply their own per-request timeouts; this one is a backstop and must not be shorter.
            Timeout = settings.RequestTimeout == Timeout.InfiniteTimeSpan
                ? Timeout.InfiniteTimeSpan
                : settings.RequestTimeout + TimeSpan.FromSeconds(30),
        };

    private static string? Read(ProviderSettings settings, string? configured, string variable)
    {
        var value = string.IsNullOrWhiteSpace(configured) ? settings.GetEnvironmentVariable(variable) : configured;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static Uri? ReadUrl(ProviderSettings settings, string variable)
    {
        var text = Read(settings, null, variable);
        if (text is null)
        {
            return null;
        }

        // OLLAMA_HOST is often written without a scheme ("127.0.0.1:11434").
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ProviderConfigurationException(
                $"The environment variable {variable} must be an absolute http:// or https:// URL, but it is '{text}'.");
    }

    private static ProviderConfigurationException MissingKey(ModelReference model, string variable, string setting, string extra = "") =>
        new($"The model '{model}' needs an API key, but {variable} is not set. Set it in the environment " +
            $"(export {variable}=...) or in ProviderSettings.{setting}.{extra} To try the pipeline without a model, use 'rehearsal'.");
}
