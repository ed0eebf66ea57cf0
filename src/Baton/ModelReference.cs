using System.Diagnostics.CodeAnalysis;
using Baton.Orchestration;

namespace Baton;

/// <summary>
/// Names a model and the provider that serves it, written <c>provider:model</c>: <c>anthropic:claude-sonnet-4-5</c>,
/// <c>openai:gpt-4o-mini</c>, <c>ollama:llama3.2</c>, <c>gguf:models/qwen.gguf</c>, or just <c>rehearsal</c>.
/// </summary>
/// <remarks>
/// <para>The provider prefix is case-insensitive; the model part is kept exactly as written. Only the first colon
/// separates the two, so a model name or a file path may itself contain colons (<c>ollama:llama3.2:1b</c>).</para>
/// <para>The one model reference of every Baton package: specs, the command line and <c>Baton.Providers</c>'s
/// <c>ChatClientFactory</c> all read and print this form. A reference only names a model; creating its client is a
/// provider package's job.</para>
/// </remarks>
public sealed record ModelReference
{
    private static readonly (string Prefix, ModelProvider Provider, string Example)[] s_providers =
    [
        ("anthropic", ModelProvider.Anthropic, "anthropic:claude-sonnet-4-5"),
        ("openai", ModelProvider.OpenAI, "openai:gpt-4o-mini"),
        ("ollama", ModelProvider.Ollama, "ollama:llama3.2"),
        ("gguf", ModelProvider.Gguf, "gguf:models/model.gguf"),
        ("rehearsal", ModelProvider.Rehearsal, "rehearsal"),
    ];

    /// <summary>Creates a reference to <paramref name="model"/> served by <paramref name="provider"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model name, or the file path for <see cref="ModelProvider.Gguf"/>; ignored for rehearsal.</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty for a provider that needs one.</exception>
    public ModelReference(ModelProvider provider, string? model)
    {
        if (provider != ModelProvider.Rehearsal)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(model);
        }

        Provider = provider;
        Model = provider == ModelProvider.Rehearsal ? "rehearsal" : model!.Trim();
    }

    /// <summary>Gets the reference Baton uses when no model is configured: <c>rehearsal</c>.</summary>
    public static ModelReference Rehearsal { get; } = new(ModelProvider.Rehearsal, null);

    /// <summary>Gets the provider.</summary>
    public ModelProvider Provider { get; }

    /// <summary>Gets the model name (for <see cref="ModelProvider.Gguf"/>, the path of the model file).</summary>
    public string Model { get; }

    /// <summary>Gets whether this is the token-free rehearsal model.</summary>
    public bool IsRehearsal => Provider == ModelProvider.Rehearsal;

    /// <summary>Parses a reference such as <c>anthropic:claude-sonnet-4-5</c>.</summary>
    /// <param name="text">The reference text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid reference; the message says how to write one.</exception>
    public static ModelReference Parse(string? text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Tries to parse a reference such as <c>openai:gpt-4o-mini</c>.</summary>
    /// <param name="text">The reference text.</param>
    /// <param name="reference">The reference, when parsing succeeds.</param>
    /// <param name="error">Why parsing failed and how to fix it, when it fails.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid reference.</returns>
    public static bool TryParse(
        string? text, [NotNullWhen(true)] out ModelReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = $"The model reference is empty. Write it as provider:model, for example {Examples()}.";
            return false;
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var prefix = (colon < 0 ? trimmed : trimmed[..colon]).Trim();
        var model = colon < 0 ? string.Empty : trimmed[(colon + 1)..].Trim();
        var known = Array.Find(s_providers, p => System.Text.Ascii.EqualsIgnoreCase(p.Prefix, prefix));

        // The text is outside input (a spec, an argument): messages quote it clipped.
        var shown = JsonText.Clip(trimmed, 80);
        if (known.Prefix is null)
        {
            trimmed = shown;
            prefix = JsonText.Clip(prefix, 40);
            error = colon < 0
                ? $"The model reference '{trimmed}' names no provider. Write it as provider:model, for example " +
                  $"anthropic:{trimmed}, openai:{trimmed} or ollama:{trimmed}; or write 'rehearsal' to run without a model."
                : $"The model reference '{trimmed}' names an unknown provider '{prefix}'." +
                  Suggestion(prefix) + $" Known providers: {string.Join(", ", s_providers.Select(p => p.Prefix))}.";
            return false;
        }

        if (known.Provider == ModelProvider.Rehearsal)
        {
            error = null;
            reference = Rehearsal;
            return true;
        }

        if (model.Length == 0)
        {
            error = $"The model reference '{shown}' names the provider '{known.Prefix}' but no model. " +
                    $"Name one after the colon, for example {known.Example}.";
            return false;
        }

        error = null;
        reference = new ModelReference(known.Provider, model);
        return true;
    }

    /// <summary>Returns the reference in its parseable <c>provider:model</c> form.</summary>
    /// <returns>The reference text.</returns>
    public override string ToString() =>
        IsRehearsal ? "rehearsal" : $"{Array.Find(s_providers, p => p.Provider == Provider).Prefix}:{Model}";

    private static string Suggestion(string prefix)
    {
        var guess = NameSuggestions.DidYouMean(prefix.ToLowerInvariant(), s_providers.Select(p => p.Prefix));
        return guess is null ? string.Empty : $" Did you mean '{guess}'?";
    }

    private static string Examples() => string.Join(", ", s_providers.Select(p => p.Example));
}
