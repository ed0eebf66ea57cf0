namespace Baton.Providers;

/// <summary>Removes a secret from text before it reaches an exception message or a log.</summary>
internal sealed class SecretRedactor
{
    private const string Mask = "[redacted]";
    private readonly string? _secret;

    public SecretRedactor(string? secret) =>
        // A very short "secret" (a placeholder such as "x") would mangle ordinary words, and is no secret.
        _secret = secret is { Length: >= 6 } ? secret : null;

    public string Redact(string text) =>
        _secret is null || string.IsNullOrEmpty(text) ? text : text.Replace(_secret, Mask, StringComparison.Ordinal);

    public bool Reveals(string? text) =>
        _secret is not null && text is not null && text.Contains(_secret, StringComparison.Ordinal);
}
