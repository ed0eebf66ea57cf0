using System.Text;

namespace Baton.Cli;

/// <summary>
/// Replaces the values of secret environment variables (API keys, tokens) with <c>***</c> in everything written
/// through it: a last line of defence, since no command prints a key on purpose.
/// </summary>
internal sealed class SecretRedactingWriter(TextWriter inner, IReadOnlyList<string> secrets) : TextWriter
{
    private static readonly string[] s_secretVariables = ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OLLAMA_API_KEY", "BATON_API_KEY"];

    public override Encoding Encoding => inner.Encoding;

    public static IReadOnlyList<string> SecretsFrom(CliConsole console) =>
    [
        .. s_secretVariables
            .Select(console.GetEnvironmentVariable)
            .OfType<string>()
            .Where(s => s.Trim().Length >= 8),
    ];

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(Redact(value));

    public override void WriteLine(string? value) => inner.WriteLine(Redact(value));

    public override void Write(char[] buffer, int index, int count) => inner.Write(Redact(new string(buffer, index, count)));

    public override Task WriteAsync(string? value) => inner.WriteAsync(Redact(value));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(Redact(value));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    internal string? Redact(string? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            value = value.Replace(secret.Trim(), "***", StringComparison.Ordinal);
        }

        return value;
    }
}
