using Baton.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Baton.Cli.Output;

/// <summary>
/// The log format of <c>baton worker</c>: one redacted line per entry, <c>warning: category: message</c>, with an
/// exception as its type and message on the same line — no stack trace unless <c>BATON_DEBUG=1</c> asks for it.
/// </summary>
/// <param name="redactor">The redactor every line goes through (configured API keys never reach the terminal).</param>
/// <param name="includeStackTraces">Whether an entry's exception is written whole, with its stack trace.</param>
/// <param name="isSilenced">
/// Says whether entries are dropped for now: a worker stays quiet while it starts, so a start that fails is one error
/// line (its cause included) instead of a page of library logs.
/// </param>
internal sealed class OneLineConsoleFormatter(SecretRedactor redactor, bool includeStackTraces, Func<bool> isSilenced) : ConsoleFormatter(FormatterName)
{
    /// <summary>The name the console logger selects this formatter by.</summary>
    public const string FormatterName = "baton-one-line";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (isSilenced())
        {
            return;
        }

        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var line = $"{Level(logEntry.LogLevel)}: {logEntry.Category}: {CliFailure.OneLine(message ?? string.Empty)}";
        if (logEntry.Exception is { } exception)
        {
            line += includeStackTraces
                ? Environment.NewLine + exception
                : $" ({exception.GetType().Name}: {CliFailure.OneLine(exception.Message)})";
        }

        textWriter.WriteLine(redactor.Redact(line));
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Information => "info",
        _ => "debug",
    };
}
