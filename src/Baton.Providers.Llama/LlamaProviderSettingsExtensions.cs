using Baton.Providers.Llama;

namespace Baton.Providers;

/// <summary>Enables <c>gguf:path/model.gguf</c> model references in <see cref="ChatClientFactory"/>.</summary>
public static class LlamaProviderSettingsExtensions
{
    /// <summary>
    /// Returns a copy of <paramref name="settings"/> whose GGUF references load the file with <see cref="LlamaChatClient"/>.
    /// </summary>
    /// <param name="settings">The settings to extend.</param>
    /// <param name="configure">Adjusts the options of each client; <see cref="LlamaChatClientOptions.ModelPath"/> is preset from the reference.</param>
    /// <returns>The extended settings.</returns>
    public static ProviderSettings WithLlama(this ProviderSettings settings, Action<LlamaChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            GgufClientFactory = (model, current) =>
            {
                var options = new LlamaChatClientOptions
                {
                    ModelPath = model.Model,
                    MaxOutputTokens = current.DefaultMaxOutputTokens,
                };
                configure?.Invoke(options);
                return new LlamaChatClient(options);
            },
        };
    }
}
