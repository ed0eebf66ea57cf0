using System.Data.Common;
using System.Text.Json;
using Baton.Journal;

namespace Baton.Cli.Output;

/// <summary>
/// Turns an exception that reached the top of a command into one line on stderr and an exit code: no stack trace
/// unless <c>BATON_DEBUG=1</c> asks for it.
/// </summary>
internal static class CliFailure
{
    /// <summary>The environment variable that adds the full exception (with its stack trace) to an unexpected error.</summary>
    public const string DebugVariable = "BATON_DEBUG";

    public static async Task<int> ReportAsync(Exception exception, CliConsole console, bool cancelled)
    {
        var (exit, message) = Describe(exception, cancelled);
        try
        {
            await console.Error.WriteLineAsync(message).ConfigureAwait(false);
            if (console.GetEnvironmentVariable(DebugVariable) is "1" or "true")
            {
                await console.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // stderr is gone (a closed pipe); the exit code still tells.
        }

        return exit;
    }

    internal static (int Exit, string Message) Describe(Exception exception, bool cancelled) => exception switch
    {
        OperationCanceledException when cancelled =>
            (ExitCodes.Failed, "cancelled (Ctrl+C). A run that had already started is kept: 'baton runs' shows whether it can be resumed."),
        LeaseLostException =>
            (ExitCodes.Failed, $"error: another execution took this run over, so this one stopped without writing more: {OneLine(exception.Message)}"),
        JournalConcurrencyException =>
            (ExitCodes.Failed, $"error: another process wrote to this run at the same time (a second 'baton resume'?), so this one stopped without writing more: {OneLine(exception.Message)} See the run with 'baton show'."),
        RunStoreUnavailableException =>
            (ExitCodes.Failed, $"error: the run store cannot be used: {OneLine(exception.Message)}"),
        UnreadableJournalException or RunStoreException =>
            (ExitCodes.Failed, $"error: {OneLine(exception.Message)}"),
        Microsoft.Data.Sqlite.SqliteException =>
            (ExitCodes.Failed, $"error: the run store cannot be used: {OneLine(exception.Message).TrimEnd('.')}. --store (default {Storage.CliStore.DefaultPath}) must name a Baton SQLite store that is a readable and writable file, or a path where a new one can be made."),
        DbException =>
            (ExitCodes.Failed, $"error: the database cannot be used: {OneLine(exception.Message).TrimEnd('.')}. Check that the server is running and the host, port, database, user and password in --postgres."),
        Baton.Orleans.ClusterRunException cluster =>
            (ExitCodes.Failed, $"error: a cluster worker failed ({cluster.ErrorType}): {OneLine(exception.Message)}"),
        JsonException =>
            (ExitCodes.Failed, $"error: the run store holds a journal event that cannot be read: {OneLine(exception.Message)}"),
        IOException or UnauthorizedAccessException =>
            (ExitCodes.InvalidInput, $"error: {OneLine(exception.Message)}"),
        _ =>
            (ExitCodes.Failed, $"error: unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (set {DebugVariable}=1 for the details)"),
    };

    /// <summary>Folds a message onto one line.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
