using Baton.Providers;
using Baton.Specs;
using Microsoft.Extensions.AI;

namespace Baton.Cli.Models;

/// <summary>
/// Resolves model references to chat clients through Baton.Providers, reading keys and base URLs from the
/// environment. Keys are never printed: provider errors are already redacted by Baton.Providers.
/// </summary>
internal sealed class CliModelResolver(CliConsole console) : IModelResolver
{
    public const string AnthropicDefaultModel = "claude-sonnet-4-5";
    public const string OpenAIDefaultModel = "gpt-4o-mini";

    // How much longer than the per-attempt limit an HTTP request may take before the SDK gives up on its own.
    private static readonly TimeSpan s_requestTimeoutMargin = TimeSpan.FromSeconds(30);

    /// <summary>Gets the model for agents that name none: BATON_MODEL, else the first provider with a key, else rehearsal.</summary>
    public ModelReference DefaultModel(out string why)
    {
        if (console.GetEnvironmentVariable("BATON_MODEL") is { Length: > 0 } configured
            && ModelReference.TryParse(configured, out var fromEnvironment, out _))
        {
            why = "from BATON_MODEL";
            return fromEnvironment;
        }

        if (IsSet(ProviderEnvironment.AnthropicApiKey))
        {
            why = "ANTHROPIC_API_KEY is set";
            return new ModelReference(ModelProvider.Anthropic, AnthropicDefaultModel);
        }

        if (IsSet(ProviderEnvironment.OpenAIApiKey) || IsSet(ProviderEnvironment.OpenAIBaseUrl))
        {
            why = "OPENAI_API_KEY or OPENAI_BASE_URL is set";
            return new ModelReference(ModelProvider.OpenAI, OpenAIDefaultModel);
        }

        why = "no provider is configured";
        return ModelReference.Rehearsal;
    }

    public IChatClient Resolve(ModelReference model, AgentSpec agent)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(agent);
        if (model.IsRehearsal)
        {
            return new RehearsalChatClient();
        }

        if (model is { Provider: ModelProvider.Gguf } && !Path.IsPathRooted(model.Model))
        {
            model = new ModelReference(ModelProvider.Gguf, console.FullPath(model.Model));
        }

        var settings = SettingsFor(agent);
        IChatClient client;
        try
        {
            client = ChatClientFactory.Create(model, settings);
        }
        catch (Exception ex) when (ex is ProviderConfigurationException or FormatException)
        {
            throw new SpecCompilationException([new SpecDiagnostic(agent.Model?.Location ?? agent.Location, $"Agent '{agent.Name}' cannot use model '{model}': {ex.Message}")]);
        }

        // Retries (429 with Retry-After, 5xx, 529 overloaded) are Baton's middleware; the SDKs' own retries are off.
        // The spec's attempt_timeout (the agent's, else limits.attempt_timeout) replaces the middleware's default.
        return new ChatClientBuilder(client).UseBatonResilience(options =>
        {
            options.TimeProvider = console.TimeProvider;
            if (agent.AttemptTimeout is { } timeout)
            {
                options.AttemptTimeout = timeout;
            }
        }).Build();
    }

    /// <summary>
    /// Gets the provider settings for <paramref name="agent"/>'s model: keys and base URLs from the environment, and an
    /// HTTP request timeout longer than the agent's <c>attempt_timeout</c>, so the per-attempt limit the spec sets is the
    /// one that ends a slow call (and says so), not the SDK's own request timeout.
    /// </summary>
    internal ProviderSettings SettingsFor(AgentSpec agent)
    {
        var settings = new ProviderSettings { GetEnvironmentVariable = console.GetEnvironmentVariable };
        if (agent.AttemptTimeout is { } timeout && timeout + s_requestTimeoutMargin > settings.RequestTimeout)
        {
            settings = settings with { RequestTimeout = timeout + s_requestTimeoutMargin };
        }

        return settings.WithLlama();
    }

    private bool IsSet(string variable) => !string.IsNullOrWhiteSpace(console.GetEnvironmentVariable(variable));
}
