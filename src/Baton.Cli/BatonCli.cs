using System.CommandLine;
using Baton.Cli.Commands;
using Baton.Journal;

namespace Baton.Cli;

/// <summary>The <c>baton</c> command line: parses arguments and runs the command against a <see cref="CliConsole"/>.</summary>
public static class BatonCli
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="console">The output streams, environment and working folder to use.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C); a cancelled run ends as cancelled and keeps its journal.</param>
    /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
    public static async Task<int> InvokeAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var secrets = SecretRedactingWriter.SecretsFrom(console);
        var safe = secrets.Count == 0
            ? console
            : new CliConsole
            {
                Out = new SecretRedactingWriter(console.Out, secrets),
                Error = new SecretRedactingWriter(console.Error, secrets),
                IsOutputRedirected = console.IsOutputRedirected,
                WorkingDirectory = console.WorkingDirectory,
                GetEnvironmentVariable = console.GetEnvironmentVariable,
                TimeProvider = console.TimeProvider,
            };
        var root = CreateRootCommand(safe);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await safe.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await safe.Error.WriteLineAsync("Run 'baton --help' for usage.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = safe.Out, Error = safe.Error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (RunStoreException ex)
        {
            // The store's own errors: one line naming the file or the run (and sequence), and what to do.
            await safe.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (IOException ex)
        {
            await safe.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (UnauthorizedAccessException ex)
        {
            await safe.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        finally
        {
            await safe.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await safe.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand("baton: run agent pipelines declared in YAML with reliable handoffs, and inspect, resume, replay and report their runs.");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(RunsCommand.Create(console));
        root.Subcommands.Add(ShowCommand.Create(console));
        root.Subcommands.Add(ResumeCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(TestCommand.Create(console));
        return root;
    }
}
