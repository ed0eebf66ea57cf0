namespace Baton.Specs;

/// <summary>
/// A model as a spec or the command line names it: <c>provider:model</c> (<c>anthropic:claude-sonnet-4-5</c>,
/// <c>openai:gpt-4o-mini</c>, <c>ollama:llama3</c>, <c>gguf:models/tiny.gguf</c>) or <c>rehearsal</c>.
/// </summary>
/// <param name="Provider">The provider, lower case: one of <see cref="KnownProviders"/>.</param>
/// <param name="ModelId">The model id (a file path for <c>gguf</c>); empty for <c>rehearsal</c>.</param>
/// <param name="Location">Where the reference is written, when it comes from a spec.</param>
public sealed record ModelReference(string Provider, string ModelId, SourceLocation? Location = null)
{
    /// <summary>The provider that answers with placeholder outputs shaped by each agent's output contract.</summary>
    public const string Rehearsal = "rehearsal";

    /// <summary>Gets the providers a reference may name.</summary>
    public static IReadOnlyList<string> KnownProviders { get; } = ["anthropic", "openai", "ollama", "gguf", Rehearsal];

    /// <summary>Gets whether this is the rehearsal provider.</summary>
    public bool IsRehearsal => Provider == Rehearsal;

    /// <summary>Parses a model reference.</summary>
    /// <param name="text">The text, for example <c>openai:gpt-4o-mini</c>.</param>
    /// <param name="reference">The reference, when the text is valid.</param>
    /// <param name="error">What is wrong and how to fix it, when the text is not valid.</param>
    /// <param name="location">Where the text is written, if it comes from a spec.</param>
    /// <returns><see langword="true"/> when the text is a valid reference.</returns>
    public static bool TryParse(string? text, out ModelReference? reference, out string? error, SourceLocation? location = null)
    {
        reference = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "The model is empty. Write provider:model, for example 'openai:gpt-4o-mini', or 'rehearsal'.";
            return false;
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var provider = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var model = colon < 0 ? string.Empty : trimmed[(colon + 1)..].Trim();
        if (!KnownProviders.Contains(provider))
        {
            var guess = Orchestration.NameSuggestions.DidYouMean(provider, KnownProviders);
            error = $"Unknown model provider '{provider}' in '{trimmed}'. Use one of {string.Join(", ", KnownProviders)}"
                + (guess is null ? "." : $"; did you mean '{guess}'?");
            return false;
        }

        if (provider != Rehearsal && model.Length == 0)
        {
            error = $"The model '{trimmed}' names no model id. Write {provider}:<model>, for example '{Example(provider)}'.";
            return false;
        }

        reference = new ModelReference(provider, provider == Rehearsal ? string.Empty : model, location);
        error = null;
        return true;
    }

    /// <summary>Formats the reference as <c>provider:model</c> (or <c>rehearsal</c>).</summary>
    /// <returns>The reference.</returns>
    public override string ToString() => IsRehearsal ? Rehearsal : $"{Provider}:{ModelId}";

    private static string Example(string provider) => provider switch
    {
        "anthropic" => "anthropic:claude-sonnet-4-5",
        "openai" => "openai:gpt-4o-mini",
        "ollama" => "ollama:llama3",
        _ => "gguf:models/model.gguf",
    };
}
